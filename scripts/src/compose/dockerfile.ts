/**
 * A Dockerfile as its list of instructions (continuations joined, comments and parser directives
 * dropped), and what a `COPY` brings in: enough to check the image's build without Docker.
 */

export interface Instruction {
  /** Upper case: FROM, COPY, RUN… */
  readonly keyword: string;
  /** The rest of the line, continuations joined with a space. */
  readonly args: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
}

export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, i) => {
    const trimmed = raw.trim();
    if (pending === undefined && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (pending !== undefined && trimmed.startsWith('#')) return; // comments inside a continuation
    const continues = trimmed.endsWith('\\');
    const part = continues ? trimmed.slice(0, -1).trim() : trimmed;
    pending =
      pending === undefined ? { text: part, line: i + 1 } : { ...pending, text: `${pending.text} ${part}` };
    if (continues) return;
    const match = /^(\S+)\s*(.*)$/.exec(pending.text);
    if (match?.[1] !== undefined) {
      instructions.push({ keyword: match[1].toUpperCase(), args: match[2] ?? '', line: pending.line });
    }
    pending = undefined;
  });
  return instructions;
}

/** The sources of a `COPY` (flags such as `--chown` dropped; the JSON form understood), destination last. */
export function copyPaths(args: string): { readonly sources: string[]; readonly destination: string } {
  const words = args.trim().startsWith('[')
    ? (JSON.parse(args) as string[])
    : args
        .split(/\s+/)
        .filter((w) => w !== '')
        .filter((w) => !w.startsWith('--'));
  const destination = words.at(-1) ?? '';
  return { sources: words.slice(0, -1), destination };
}

/** `FROM [--platform=…] image[:tag][@digest] [AS name]` → the image reference. */
export function fromImage(args: string): string {
  return (
    args
      .split(/\s+/)
      .filter((w) => w !== '' && !w.startsWith('--'))
      .at(0) ?? ''
  );
}
