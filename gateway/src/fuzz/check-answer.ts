/**
 * What every gateway answer must be, per docs/wire-contract.md: never a 5xx (a fuzzed request is
 * never the gateway's fault, and the fuzz publisher always stores), an error is the contract's JSON
 * error body (or, on the pixel route, the GIF with a known `X-Inlet-Error`), and a 200 on an ingest
 * route is the contract's batch response. Returns the problem, or undefined when the answer is fine.
 */
import { BatchResponseSchema, ERROR_CODES, ErrorResponseSchema } from '@inlet/schemas';

export interface SeenAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly inletError: string | undefined;
  readonly body: string;
}

const INGEST = /^\/v1\/(batch|track|page|screen|identify|group|alias)$/;
const codes = new Set<string>(Object.values(ERROR_CODES));

const pathOf = (target: string) => target.split('?', 1)[0] ?? '';

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

export function checkAnswer(method: string, target: string, answer: SeenAnswer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.body.slice(0, 200)}`;
  if (answer.status < 100) return `no HTTP status (${answer.status})`;
  if (method === 'HEAD') return undefined;
  const path = pathOf(target);
  if (answer.status >= 400) {
    if (answer.contentType?.startsWith('image/gif')) {
      return path.startsWith('/v1/pixel/') && codes.has(answer.inletError ?? '')
        ? undefined
        : `a GIF error without a contract code (X-Inlet-Error: ${answer.inletError})`;
    }
    const json = parseJson(answer.body);
    if (!json) return `error ${answer.status} is not JSON: ${answer.body.slice(0, 200)}`;
    const parsed = ErrorResponseSchema.safeParse(json.value);
    if (!parsed.success)
      return `error ${answer.status} is not the contract's error body: ${answer.body.slice(0, 200)}`;
    return undefined;
  }
  if (answer.status === 200 && method === 'POST' && INGEST.test(path)) {
    const json = parseJson(answer.body);
    if (!json || !BatchResponseSchema.safeParse(json.value).success) {
      return `200 on ${path} is not the contract's batch response: ${answer.body.slice(0, 200)}`;
    }
  }
  return undefined;
}
