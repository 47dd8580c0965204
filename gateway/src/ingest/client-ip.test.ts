import { describe, expect, it } from 'vitest';
import { nodePeerAddress } from '../server/node-peer-address';
import { post, SERVER_KEY, testApp, track, WEB_KEY } from '../testing/test-app';
import { clientIp, normalizeIp, truncateIp } from './client-ip';

describe('client ip helpers', () => {
  it('normalizes mapped IPv4, brackets and zones; rejects garbage', () => {
    expect(normalizeIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeIp('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeIp('203.0.113.7:51234')).toBe('203.0.113.7');
    expect(normalizeIp('not-an-ip')).toBeUndefined();
  });

  it('truncates IPv4 to /24 and IPv6 to /48', () => {
    expect(truncateIp('203.0.113.7')).toBe('203.0.113.0');
    expect(truncateIp('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::');
    expect(truncateIp('::1:2:3:4:5:6:7')).toBe('0:1:2::');
    expect(truncateIp('x')).toBeUndefined();
  });

  it('believes X-Forwarded-For only from a trusted peer, skipping trusted hops', () => {
    const trusted = new Set(['10.0.0.1', '10.0.0.2']);
    expect(clientIp('198.51.100.9', '203.0.113.7', trusted)).toBe('198.51.100.9');
    expect(clientIp('10.0.0.1', '203.0.113.7', trusted)).toBe('203.0.113.7');
    expect(clientIp('10.0.0.1', '1.1.1.1, 203.0.113.7, 10.0.0.2', trusted)).toBe('203.0.113.7');
    expect(clientIp('::ffff:10.0.0.1', 'garbage', trusted)).toBe('10.0.0.1');
    expect(clientIp(undefined, '203.0.113.7', trusted)).toBeUndefined();
  });
});

describe('ip policy in the app', () => {
  const storedIp = async (
    ipPolicy: 'keep' | 'truncate' | 'drop',
    peer: string,
    headers: Record<string, string> = {},
    event: Record<string, unknown> = track(),
  ) => {
    const { app, publisher } = testApp(
      { trustedProxies: ['10.0.0.1'], writeKeys: [{ key: WEB_KEY, source: 'web', ipPolicy }] },
      { peerAddress: nodePeerAddress },
    );
    // The socket peer, as @hono/node-server passes it in `c.env.incoming`.
    const env = { incoming: { socket: { remoteAddress: peer, remotePort: 1, remoteFamily: 'IPv4' } } };
    const res = await post(
      app,
      '/v1/batch',
      { batch: [event] },
      { 'x-write-key': WEB_KEY, ...headers },
      env as never,
    );
    expect(res.status).toBe(200);
    const [stored] = publisher.sink.json('topic_app_events') as { context?: { ip?: string } }[];
    return stored?.context?.ip;
  };

  it('keeps, truncates or drops the socket address', async () => {
    expect(await storedIp('keep', '203.0.113.7')).toBe('203.0.113.7');
    expect(await storedIp('truncate', '203.0.113.7')).toBe('203.0.113.0');
    expect(await storedIp('drop', '203.0.113.7')).toBeUndefined();
  });

  it('uses X-Forwarded-For only behind a trusted proxy', async () => {
    expect(await storedIp('keep', '10.0.0.1', { 'x-forwarded-for': '198.51.100.4' })).toBe('198.51.100.4');
    expect(await storedIp('keep', '192.0.2.1', { 'x-forwarded-for': '198.51.100.4' })).toBe('192.0.2.1');
  });

  it('applies the policy to an address the client sent in context.ip too', async () => {
    const event = track({ context: { ip: '198.51.100.77' } });
    expect(await storedIp('keep', '203.0.113.7', {}, event)).toBe('198.51.100.77');
    expect(await storedIp('truncate', '203.0.113.7', {}, event)).toBe('198.51.100.0');
    expect(await storedIp('drop', '203.0.113.7', {}, event)).toBeUndefined();
  });

  it('takes the address from the peerAddress seam', async () => {
    const { app, publisher } = testApp({}, { peerAddress: () => '2001:db8:1:2:3:4:5:6' });
    await post(app, '/v1/batch', { batch: [track()] }, { 'x-write-key': SERVER_KEY });
    expect(publisher.sink.json('topic_app_events')).toMatchObject([
      { context: { ip: '2001:db8:1:2:3:4:5:6' } },
    ]);
  });
});
