import { afterEach, describe, expect, it, vi } from 'vitest';
import { publishResults } from './results';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('publishResults', () => {
  it('prints the section on stdout, and only prints under --no-append', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await publishResults('\n## A bench\n', { append: false });
    await publishResults('\n## Printed as it went\n', { append: false, print: false });
    expect(out.mock.calls).toEqual([['\n## A bench\n\n']]);
    expect(err).not.toHaveBeenCalled();
  });
});
