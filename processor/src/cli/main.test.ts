import { describe, expect, it, vi } from 'vitest';
import { EXIT, main } from './main';

describe('main', () => {
  it('exits 2 on bad usage, saying which flag and the fix, without starting anything', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['--grace', 'later'], {})).toBe(EXIT.usage);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(
        /^inlet-processor: --grace: "later" is not a duration/,
      );
    } finally {
      stderr.mockRestore();
    }
  });

  it('prints the usage and exits 0 for --help', async () => {
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['--help'], {})).toBe(EXIT.ok);
      expect(String(stdout.mock.calls[0]?.[0])).toContain('Usage: inlet-processor');
    } finally {
      stdout.mockRestore();
    }
  });
});
