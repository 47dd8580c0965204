import type { Emit, Journey } from '../journey';
import { exponential } from '../think';
import type { VuApi } from '../vu-api';

const e = (type: Emit['type'], run: (u: VuApi) => void): Emit => ({ type, run });
const service = (u: VuApi) => (u.user.context.service as { name?: string } | undefined)?.name ?? 'api';
const route = (u: VuApi) =>
  u.rng.pick(['GET /v2/search', 'GET /v2/stays/:id', 'POST /v2/bookings', 'POST /v2/payments']);

/**
 * Application logs of a backend: one journey is one request handled, logged the way services log
 * (a received line, maybe a debug detail or a warning, then completed, or an error). The level
 * mix over many requests is about 86% info, 7% debug, 4% warn, 2.7% error, 0.2% fatal
 * (`expectJourney` computes it exactly; the tests check it).
 */
export const serviceLogs: Journey = {
  name: 'service',
  start: { received: 1 },
  between: exponential(2_000),
  states: {
    received: {
      emit: [
        e('log', (u) =>
          u.log('info', 'request received', { logger: service(u), attributes: { route: route(u) } }),
        ),
      ],
      think: exponential(40),
      next: { done: 70, cacheMiss: 16, slowQuery: 9, failed: 4.5, oom: 0.5 },
    },
    cacheMiss: {
      emit: [
        e('log', (u) =>
          u.log('debug', 'cache miss', {
            logger: `${service(u)}.cache`,
            attributes: { key: `stay:${u.rng.int(10_000)}` },
          }),
        ),
      ],
      think: exponential(30),
      next: { done: 95, failed: 5 },
    },
    slowQuery: {
      emit: [
        e('log', (u) =>
          u.log('warn', 'slow query', {
            logger: `${service(u)}.db`,
            attributes: { ms: 500 + u.rng.int(4_000), table: 'bookings' },
          }),
        ),
      ],
      think: exponential(800),
      next: { done: 92, failed: 8 },
    },
    done: {
      emit: [
        e('log', (u) =>
          u.log('info', 'request completed', {
            logger: service(u),
            attributes: { status: 200, ms: 5 + u.rng.int(250) },
          }),
        ),
      ],
      think: exponential(10),
      next: { exit: 1 },
    },
    failed: {
      emit: [
        e('log', (u) =>
          u.log('error', 'request failed', {
            logger: service(u),
            error: { name: 'UpstreamError', message: 'availability-service timed out after 3000 ms' },
            attributes: { status: 502 },
          }),
        ),
      ],
      think: exponential(10),
      next: { exit: 1 },
    },
    oom: {
      emit: [
        e('log', (u) =>
          u.log('fatal', 'worker out of memory, restarting', {
            logger: service(u),
            error: { name: 'RangeError', message: 'Array buffer allocation failed' },
          }),
        ),
      ],
      think: exponential(5_000),
      next: { exit: 1 },
    },
  },
};
