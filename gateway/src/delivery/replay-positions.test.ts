import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReplayPositions } from './replay-positions';

describe('ReplayPositions', () => {
  it('saves and loads positions, and treats a corrupt file as none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inlet-gw-pos-'));
    try {
      const file = join(dir, 'replay-positions.json');
      const { positions } = await ReplayPositions.load(file);
      expect(positions.get('t')).toBeUndefined();
      positions.set('t', 41);
      positions.set('u', 3);
      await Promise.all([positions.save(), positions.save()]);
      const loaded = await ReplayPositions.load(file);
      expect([loaded.positions.get('t'), loaded.positions.get('u'), loaded.problem]).toEqual([
        41,
        3,
        undefined,
      ]);
      await writeFile(file, '{"positions": {"t": 4');
      const corrupt = await ReplayPositions.load(file);
      expect(corrupt.positions.get('t')).toBeUndefined();
      expect(corrupt.problem).toMatch(/not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
