/** Captured table names: `users` (schema `public`) or `travel.users`, plain SQL identifiers. */
import { CdcConfigError } from './errors';
import { quoteIdent } from './pg-connect';

export interface TableRef {
  readonly schema: string;
  readonly table: string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;

export const qualified = (t: TableRef): string => `${t.schema}.${t.table}`;
export const quoted = (t: TableRef): string => `${quoteIdent(t.schema)}.${quoteIdent(t.table)}`;

/** Parses `a, s.b` into table refs; duplicates collapse. Throws a usage `CdcConfigError`. */
export function parseTables(list: string, defaultSchema = 'public'): TableRef[] {
  const out = new Map<string, TableRef>();
  for (const raw of list.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const parts = item.split('.');
    const [schema, table] = parts.length === 1 ? [defaultSchema, parts[0]] : parts;
    if (parts.length > 2 || !schema || !table || !IDENT.test(schema) || !IDENT.test(table)) {
      throw new CdcConfigError(`--tables: "${item}" is not a table name`, {
        kind: 'usage',
        fix: 'list tables as name or schema.name, separated by commas, e.g. --tables users,public.bookings',
      });
    }
    const ref = { schema, table };
    out.set(qualified(ref), ref);
  }
  if (out.size === 0) {
    throw new CdcConfigError('no tables to capture', {
      kind: 'usage',
      fix: 'name them with --tables users,bookings (schema.table for a schema other than public)',
    });
  }
  return [...out.values()];
}
