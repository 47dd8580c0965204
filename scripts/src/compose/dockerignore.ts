/**
 * Whether .dockerignore keeps a path out of the build context: each line a pattern (`*`, `?`,
 * `**`), relative to the context root, later lines winning, `!` re-including. A directory that a
 * pattern excludes takes everything under it along.
 */

interface Rule {
  readonly exclude: boolean;
  readonly pattern: RegExp;
}

function toRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function parseDockerignore(text: string): Rule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exclude = !line.startsWith('!');
      const glob = (exclude ? line : line.slice(1)).replace(/^\/+/, '').replace(/\/+$/, '');
      return { exclude, pattern: toRegExp(glob) };
    });
}

/** `path` is relative to the context root, with `/` separators. */
export function isIgnored(rules: readonly Rule[], path: string): boolean {
  const parts = path.split('/');
  // The path itself or any directory above it.
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((c) => rule.pattern.test(c))) ignored = rule.exclude;
  }
  return ignored;
}
