import { describe, expect, it } from 'vitest';
import {
  commandOf,
  dependsOn,
  environmentOf,
  healthcheckTest,
  isComposeFormatError,
  parseCompose,
  publishedPorts,
} from './compose-file';

const FILE = `
x-base: &base
  image: app:1
  restart: on-failure
services:
  a:
    <<: *base
    command: run --port 80
    environment:
      - KEY=\${KEY:-fallback}
      - EMPTY
    ports: ["127.0.0.1:8080:80", "9000", { target: 53, published: 5353, host_ip: 127.0.0.1 }]
    depends_on: [b]
    healthcheck:
      test: curl -f http://127.0.0.1/
  b:
    image: db:2
    depends_on:
      a: { condition: service_healthy }
`;

describe('parseCompose', () => {
  const compose = parseCompose(FILE);
  const a = compose.services.a ?? {};

  it('applies merge keys, drops x- extensions and interpolates values', () => {
    expect(compose.top['x-base']).toBeUndefined();
    expect(a.image).toBe('app:1');
    expect(a.restart).toBe('on-failure');
    expect(environmentOf(a)).toEqual({ KEY: 'fallback', EMPTY: '' });
    expect(environmentOf(parseCompose(FILE, { KEY: 'mine' }).services.a ?? {}).KEY).toBe('mine');
  });

  it('turns the short forms of command, ports, depends_on and healthcheck into one shape', () => {
    expect(commandOf(a)).toEqual(['run', '--port', '80']);
    expect(
      publishedPorts(a).map(({ hostIp, hostPort, containerPort }) => [hostIp, hostPort, containerPort]),
    ).toEqual([
      ['127.0.0.1', 8080, 80],
      [undefined, 9000, 9000],
      ['127.0.0.1', 5353, 53],
    ]);
    expect(dependsOn(a)).toEqual({ b: 'service_started' });
    expect(dependsOn(compose.services.b ?? {})).toEqual({ a: 'service_healthy' });
    expect(healthcheckTest(a)).toEqual(['CMD-SHELL', 'curl -f http://127.0.0.1/']);
    expect(healthcheckTest(compose.services.b ?? {})).toBeUndefined();
  });

  it('says what is wrong with a file that is not compose', () => {
    const fails = (text: string) => {
      try {
        parseCompose(text);
      } catch (error) {
        expect(isComposeFormatError(error)).toBe(true);
        return (error as Error).message;
      }
      throw new Error('parsed');
    };
    expect(fails('services: [')).toMatch(/not valid YAML/);
    expect(fails('- a')).toMatch(/not a mapping/);
    expect(fails('volumes: {}')).toMatch(/no `services:`/);
    expect(fails('services:\n  a: 1')).toMatch(/services\.a is not a mapping/);
  });
});
