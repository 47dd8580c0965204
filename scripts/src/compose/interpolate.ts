/**
 * Compose's variable interpolation, enough for reading docker-compose.yml as `docker compose`
 * would with an empty environment: `${VAR:-default}`, `${VAR-default}`, `${VAR}`, `$VAR`, and
 * `$$` for a literal `$`. Required forms (`${VAR:?message}`) count as unset variables.
 */

export interface Interpolated {
  readonly text: string;
  /** Variables used without a default and not in `env`: compose would put an empty string there. */
  readonly unset: readonly string[];
}

const PATTERN =
  /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|(:?\?)[^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Replaces compose variables in `text` from `env`, falling back to each variable's default. */
export function interpolate(
  text: string,
  env: Readonly<Record<string, string | undefined>> = {},
): Interpolated {
  const unset: string[] = [];
  const result = text.replace(
    PATTERN,
    (
      _match,
      dollar?: string,
      braced?: string,
      op?: string,
      fallback?: string,
      required?: string,
      bare?: string,
    ) => {
      if (dollar !== undefined) return '$';
      const name = braced ?? bare ?? '';
      const value = env[name];
      if (op !== undefined) {
        const useDefault = op === ':-' ? value === undefined || value === '' : value === undefined;
        return useDefault ? (fallback ?? '') : (value ?? '');
      }
      if (value === undefined || (required === ':?' && value === '')) unset.push(name);
      return value ?? '';
    },
  );
  return { text: result, unset };
}
