/**
 * PostgreSQL log sequence numbers. They arrive spelled two ways (`0/1789230` from the stream header and
 * `pg_replication_slots`, `00000000/017893A0` from pgoutput's Begin/Commit): parse both into one bigint
 * before comparing, never compare the text.
 */
export type Lsn = bigint;

const LSN_TEXT = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

export class LsnError extends Error {
  override readonly name = 'LsnError';
}

/** `X/Y` (hex halves, any padding or case) → bigint. Throws `LsnError` on anything else. */
export function parseLsn(text: string): Lsn {
  const match = LSN_TEXT.exec(text.trim());
  if (!match) throw new LsnError(`not an LSN: ${JSON.stringify(text)} (expected hex "X/Y", e.g. 0/16B3748)`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** Like `parseLsn`, but `null`/`undefined`/`0/0` (no position) give `undefined`. */
export function parseOptionalLsn(text: string | null | undefined): Lsn | undefined {
  if (text === null || text === undefined) return undefined;
  const lsn = parseLsn(text);
  return lsn === 0n ? undefined : lsn;
}

/** Postgres's canonical spelling: upper-case hex halves without padding, e.g. `0/16B3748`. */
export function formatLsn(lsn: Lsn): string {
  if (lsn < 0n || lsn > 0xffff_ffff_ffff_ffffn) throw new LsnError(`LSN out of range: ${lsn}`);
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffff_ffffn).toString(16).toUpperCase()}`;
}

export const compareLsn = (a: Lsn, b: Lsn): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

export const maxLsn = (a: Lsn, b: Lsn): Lsn => (a > b ? a : b);

/** The LSN as a JSON number, as Debezium writes `source.lsn` (exact below 2^53, i.e. 8 PiB of WAL). */
export const lsnNumber = (lsn: Lsn): number => Number(lsn);
