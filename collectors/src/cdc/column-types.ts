/**
 * Column values from PostgreSQL's text output to Debezium's JSON encoding, as its PostgreSQL connector
 * writes them with `decimal.handling.mode=string`, `time.precision.mode=isostring`,
 * `interval.handling.mode=string` and `binary.handling.mode=base64` — except JSON columns, which Inlet
 * sends as JSON values (Debezium sends their text; `jsonMode: 'string'` restores that).
 * Both the stream and the snapshot read text with `DateStyle=ISO`, `TimeZone=UTC`,
 * `IntervalStyle=iso_8601`, `bytea_output=hex`, `extra_float_digits=3` (see `SESSION_OPTIONS`).
 */
import pg from 'pg';

/** Server settings for every connection whose text output we parse. */
export const SESSION_OPTIONS =
  '-c DateStyle=ISO -c TimeZone=UTC -c IntervalStyle=iso_8601 -c bytea_output=hex -c extra_float_digits=3';

/** Built-in type OIDs (stable across PostgreSQL versions, see `pg_type.dat`). */
export const PG_TYPES = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  money: 790,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  timetz: 1266,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

const T = PG_TYPES;

/** Array type OID → element type OID. */
const ARRAY_ELEMENT: Readonly<Record<number, number>> = {
  1000: T.bool,
  1001: T.bytea,
  1005: T.int2,
  1007: T.int4,
  1009: T.text,
  1014: T.bpchar,
  1015: T.varchar,
  1016: T.int8,
  1021: T.float4,
  1022: T.float8,
  1028: T.oid,
  791: T.money,
  199: T.json,
  1115: T.timestamp,
  1182: T.date,
  1183: T.time,
  1185: T.timestamptz,
  1187: T.interval,
  1231: T.numeric,
  1270: T.timetz,
  2951: T.uuid,
  3807: T.jsonb,
};

/** Debezium's marker for an unchanged TOASTed value it was not sent (REPLICA IDENTITY DEFAULT). */
export const UNAVAILABLE_VALUE = '__debezium_unavailable_value';

export interface ValueOptions {
  /** JSON/JSONB as parsed values (`object`, default) or as their text (`string`, as Debezium does). */
  readonly jsonMode?: 'object' | 'string';
}

const DATE = /^\d{4,}-\d\d-\d\d$/;
const TIME = /^\d\d:\d\d:\d\d(?:\.\d+)?$/;
const TIMESTAMP = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)$/;
const ZONED = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/;
const ZONED_TIME = /^(\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/;

const offsetSeconds = (sign: string, h: string, m = '0', s = '0'): number =>
  (sign === '-' ? -1 : 1) * (Number(h) * 3_600 + Number(m) * 60 + Number(s));

/** `2024-05-01 10:00:00.5+02` → `2024-05-01T08:00:00.5Z` (UTC, fraction kept as written). */
export function zonedTimestamp(text: string): string {
  const m = ZONED.exec(text);
  if (!m) return text; // infinity, BC dates: passed through as PostgreSQL wrote them
  const [, y, mo, d, h, mi, s, fraction = '', sign = '+', oh = '0', om, os] = m;
  const offset = offsetSeconds(sign, oh, om, os);
  if (offset === 0) return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}Z`;
  const utc =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 1_000;
  const iso = new Date(utc).toISOString(); // yyyy-mm-ddThh:mm:ss.000Z
  return `${iso.slice(0, 19)}${fraction}Z`;
}

/** `10:00:00.25+02` → `08:00:00.25Z`. */
export function zonedTime(text: string): string {
  const m = ZONED_TIME.exec(text);
  if (!m) return text;
  const [, h, mi, s, fraction = '', sign = '+', oh = '0', om, os] = m;
  const day = 86_400;
  const seconds =
    (((Number(h) * 3_600 + Number(mi) * 60 + Number(s) - offsetSeconds(sign, oh, om, os)) % day) + day) % day;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3_600))}:${pad(Math.floor((seconds % 3_600) / 60))}:${pad(seconds % 60)}${fraction}Z`;
}

function float(text: string): number | string {
  const n = Number(text);
  // NaN and ±Infinity have no JSON number: keep PostgreSQL's spelling.
  return Number.isFinite(n) ? n : text;
}

function scalar(oid: number, text: string, options: ValueOptions): unknown {
  switch (oid) {
    case T.bool:
      return text === 't' || text === 'true';
    case T.int2:
    case T.int4:
    case T.oid:
      return Number(text);
    case T.int8: {
      const n = Number(text);
      // Past 2^53 a JSON number would be rounded by JavaScript consumers: send the digits instead.
      return Number.isSafeInteger(n) ? n : text;
    }
    case T.float4:
    case T.float8:
      return float(text);
    case T.json:
    case T.jsonb:
      return options.jsonMode === 'string' ? text : JSON.parse(text);
    case T.bytea:
      return text.startsWith('\\x') ? Buffer.from(text.slice(2), 'hex').toString('base64') : text;
    case T.date:
      return DATE.test(text) ? `${text}Z` : text;
    case T.time:
      return TIME.test(text) ? `${text}Z` : text;
    case T.timetz:
      return zonedTime(text);
    case T.timestamp: {
      const m = TIMESTAMP.exec(text);
      return m ? `${m[1]}T${m[2]}Z` : text;
    }
    case T.timestamptz:
      return zonedTimestamp(text);
    default:
      // numeric, money, text, varchar, uuid, interval (ISO 8601), enums, ranges, inet…: the text itself.
      return text;
  }
}

type Nested = string | null | Nested[];
// pg's text[] parser (1009): quoting, escapes, NULL and nesting handled; elements stay text.
const parseTextArray = (pg.types.getTypeParser as (oid: number) => (text: string) => Nested[])(1009);

function mapNested(value: Nested, element: number, options: ValueOptions): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => mapNested(v, element, options));
  return scalar(element, value, options);
}

/** Whether values of this type are arrays we map element by element. */
export const isArrayType = (oid: number): boolean => ARRAY_ELEMENT[oid] !== undefined;

/**
 * One column value: `null` stays null, `undefined` (an unchanged TOAST value pgoutput did not send)
 * becomes `__debezium_unavailable_value`, text is converted by type.
 */
export function columnValue(
  oid: number,
  text: string | null | undefined,
  options: ValueOptions = {},
): unknown {
  if (text === null) return null;
  if (text === undefined) return UNAVAILABLE_VALUE;
  const element = ARRAY_ELEMENT[oid];
  if (element !== undefined) return mapNested(parseTextArray(text), element, options);
  return scalar(oid, text, options);
}
