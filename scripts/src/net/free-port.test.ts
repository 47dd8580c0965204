import { describe, expect, it } from 'vitest';
import { freePort, freePorts } from './free-port';

describe('freePorts', () => {
  it('returns distinct ports in the TCP range', async () => {
    const ports = await freePorts(4);
    expect(new Set(ports).size).toBe(4);
    for (const port of [...ports, await freePort()]) {
      expect(port).toBeGreaterThan(0);
      expect(port).toBeLessThan(65_536);
    }
  });
});
