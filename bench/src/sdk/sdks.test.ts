import { describe, expect, it } from 'vitest';
import { loadSdks } from './sdks';

describe('loadSdks', () => {
  it('gives every Inlet page the extra script attributes, and says so in its setup', async () => {
    const attrs = [['data-max-queue-events', '20000']] as const;
    const sdks = await loadSdks(['none', 'inlet', 'inlet-memory'], '/nonexistent', { inletAttrs: attrs });
    const [none, inlet, memory] = sdks;
    for (const sdk of [inlet, memory]) {
      expect(sdk?.head('http://127.0.0.1:1')).toMatch(
        /<script src="[^"]+"[^>]* data-max-queue-events="20000">/,
      );
      expect(sdk?.setup).toContain('also `data-max-queue-events="20000"`');
    }
    expect(memory?.head('http://127.0.0.1:1')).toContain('data-persistence="memory"');
    expect(none?.head('http://127.0.0.1:1')).not.toContain('data-max-queue-events');
    const plain = await loadSdks(['inlet'], '/nonexistent');
    expect(plain[0]?.head('http://127.0.0.1:1')).not.toContain('data-max-queue-events');
    expect(plain[0]?.setup).not.toContain('also');
  });
});
