/**
 * The workload's business transactions. Each runs inside BEGIN … COMMIT (the runner's job), returns the
 * rows it changed (from `RETURNING id, version`) and says through its scope what to do with the id pools
 * once it committed — or, if it rolled back, which taken ids go back.
 */
import type pg from 'pg';
import type { IdPools, PoolName } from './id-pools';
import type { RowChange, RowOp } from './ledger';
import {
  CURRENCIES,
  flightRow,
  LOYALTY_TIERS,
  money,
  PAYMENT_METHODS,
  propertyRow,
  type Random,
  stay,
  userRow,
} from './random-data';

export class TxScope {
  private readonly taken: [PoolName, string][] = [];
  private readonly onCommit: (() => void)[] = [];

  constructor(
    readonly pools: IdPools,
    readonly random: Random,
  ) {}

  take(pool: PoolName): string | undefined {
    const id = this.pools.take(pool, this.random);
    if (id !== undefined) this.taken.push([pool, id]);
    return id;
  }

  afterCommit(action: () => void): void {
    this.onCommit.push(action);
  }

  committed(): void {
    for (const action of this.onCommit) action();
  }

  /** Rolled back: taken ids go back where they were. */
  aborted(): void {
    for (const [pool, id] of this.taken) this.pools.add(pool, id);
  }
}

export type Transaction = (client: pg.ClientBase, scope: TxScope) => Promise<RowChange[]>;

let serial = 0;

async function changed(
  client: pg.ClientBase,
  table: string,
  op: RowOp,
  sql: string,
  values: unknown[],
): Promise<RowChange[]> {
  const { rows } = await client.query<{ id: string; version: number }>(
    `${sql} RETURNING id, version`,
    values,
  );
  return rows.map((r) => ({ table, id: String(r.id), op, version: Number(r.version) }));
}

/** Inserts into `table`; once committed, the new ids join `pools`. */
async function inserted(
  client: pg.ClientBase,
  scope: TxScope,
  table: string,
  pools: readonly PoolName[],
  sql: string,
  values: unknown[],
): Promise<RowChange[]> {
  const rows = await changed(client, table, 'c', sql, values);
  scope.afterCommit(() => {
    for (const r of rows) for (const pool of pools) scope.pools.add(pool, r.id);
  });
  return rows;
}

const signUp: Transaction = async (client, scope) => {
  const u = userRow(scope.random, ++serial);
  return inserted(
    client,
    scope,
    'users',
    ['users', 'freshUsers'],
    'INSERT INTO users (email, full_name, country, preferences) VALUES ($1, $2, $3, $4)',
    [u.email, u.fullName, u.country, JSON.stringify(u.preferences)],
  );
};

const updateProfile: Transaction = async (client, scope) => {
  const id = scope.pools.peek('users', scope.random);
  if (id === undefined) return signUp(client, scope);
  return changed(
    client,
    'users',
    'u',
    `UPDATE users SET loyalty_tier = $2, preferences = preferences || $3::jsonb, updated_at = now(),
       version = version + 1 WHERE id = $1`,
    [id, scope.random.pick(LOYALTY_TIERS), JSON.stringify({ lastSeen: new Date().toISOString() })],
  );
};

const addProperty: Transaction = async (client, scope) => {
  const p = propertyRow(scope.random);
  return inserted(
    client,
    scope,
    'properties',
    ['properties'],
    `INSERT INTO properties (name, city, country, nightly_rate, amenities, description, rating)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [p.name, p.city, p.country, p.nightlyRate, p.amenities, p.description, p.rating],
  );
};

/** Leaves the TOASTed description alone: logical decoding then sends it as "unchanged". */
const repriceProperty: Transaction = async (client, scope) => {
  const id = scope.pools.peek('properties', scope.random);
  if (id === undefined) return addProperty(client, scope);
  return changed(
    client,
    'properties',
    'u',
    'UPDATE properties SET nightly_rate = $2, rating = $3, version = version + 1 WHERE id = $1',
    [id, money(scope.random, 40, 400), Math.round(scope.random.next() * 50) / 10],
  );
};

const addFlight: Transaction = async (client, scope) => {
  const f = flightRow(scope.random);
  return inserted(
    client,
    scope,
    'flights',
    ['flights'],
    `INSERT INTO flights (flight_number, origin, destination, departs_at, arrives_at, fare, seats_left)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [f.flightNumber, f.origin, f.destination, f.departsAt, f.arrivesAt, f.fare, f.seatsLeft],
  );
};

const createBooking: Transaction = async (client, scope) => {
  const { random, pools } = scope;
  const userId = pools.peek('users', random);
  if (userId === undefined) return signUp(client, scope);
  if (pools.size('properties') === 0) return addProperty(client, scope);
  if (pools.size('flights') === 0) return addFlight(client, scope);
  const guests = random.int(1, 4);
  const out: RowChange[] = [];
  let flightId: string | undefined;
  if (random.chance(0.5)) {
    const candidate = pools.peek('flights', random);
    const seats = await changed(
      client,
      'flights',
      'u',
      'UPDATE flights SET seats_left = seats_left - $2, version = version + 1 WHERE id = $1 AND seats_left >= $2',
      [candidate, guests],
    );
    if (seats.length > 0) flightId = candidate;
    out.push(...seats);
  }
  const propertyId = flightId === undefined || random.chance(0.5) ? pools.peek('properties', random) : null;
  const { checkIn, checkOut, nights } = stay(random);
  const booking = await changed(
    client,
    'bookings',
    'c',
    `INSERT INTO bookings (user_id, property_id, flight_id, status, check_in, check_out, guests, total_amount, currency)
     VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8)`,
    [
      userId,
      propertyId,
      flightId ?? null,
      propertyId === null ? null : checkIn,
      propertyId === null ? null : checkOut,
      guests,
      money(random, 50 * nights, 400 * nights),
      random.pick(CURRENCIES),
    ],
  );
  out.push(...booking);
  scope.afterCommit(() => {
    pools.remove('freshUsers', userId);
    for (const r of booking) pools.add('pending', r.id);
  });
  return out;
};

const confirmBooking: Transaction = async (client, scope) => {
  const id = scope.take('pending');
  if (id === undefined) return createBooking(client, scope);
  const { rows } = await client.query<{
    id: string;
    version: number;
    total_amount: string;
    currency: string;
  }>(
    `UPDATE bookings SET status = 'confirmed', updated_at = now(), version = version + 1
     WHERE id = $1 AND status = 'pending' RETURNING id, version, total_amount, currency`,
    [id],
  );
  const booking = rows[0];
  if (booking === undefined) return [];
  const payment = await changed(
    client,
    'payments',
    'c',
    `INSERT INTO payments (booking_id, amount, currency, method, status) VALUES ($1, $2, $3, $4, 'captured')`,
    [id, booking.total_amount, booking.currency, scope.random.pick(PAYMENT_METHODS)],
  );
  scope.afterCommit(() => scope.pools.add('confirmed', id));
  return [
    { table: 'bookings', id: String(booking.id), op: 'u', version: Number(booking.version) },
    ...payment,
  ];
};

const cancelBooking: Transaction = async (client, scope) => {
  const id = scope.random.chance(0.5) ? scope.take('confirmed') : scope.take('pending');
  if (id === undefined) return createBooking(client, scope);
  const booking = await changed(
    client,
    'bookings',
    'u',
    `UPDATE bookings SET status = 'cancelled', updated_at = now(), version = version + 1
     WHERE id = $1 AND status <> 'cancelled'`,
    [id],
  );
  const refunds = await changed(
    client,
    'payments',
    'u',
    `UPDATE payments SET status = 'refunded', version = version + 1 WHERE booking_id = $1 AND status = 'captured'`,
    [id],
  );
  scope.afterCommit(() => scope.pools.add('cancelled', id));
  return [...booking, ...refunds];
};

/** Purges a cancelled booking: its payments first (foreign keys restrict), then the booking. */
const purgeBooking: Transaction = async (client, scope) => {
  const id = scope.take('cancelled');
  if (id === undefined) return cancelBooking(client, scope);
  const payments = await changed(client, 'payments', 'd', 'DELETE FROM payments WHERE booking_id = $1', [id]);
  const booking = await changed(client, 'bookings', 'd', 'DELETE FROM bookings WHERE id = $1', [id]);
  return [...payments, ...booking];
};

/** Deletes an account that never booked. */
const deleteUser: Transaction = async (client, scope) => {
  const id = scope.take('freshUsers');
  if (id === undefined) return signUp(client, scope);
  const rows = await changed(
    client,
    'users',
    'd',
    'DELETE FROM users u WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.user_id = u.id)',
    [id],
  );
  scope.afterCommit(() => {
    if (rows.length > 0) scope.pools.remove('users', id);
  });
  return rows;
};

/** The mix: name, transaction, relative weight. */
export const TRANSACTIONS: readonly (readonly [string, Transaction, number])[] = [
  ['signUp', signUp, 10],
  ['updateProfile', updateProfile, 14],
  ['addProperty', addProperty, 3],
  ['repriceProperty', repriceProperty, 8],
  ['addFlight', addFlight, 3],
  ['createBooking', createBooking, 22],
  ['confirmBooking', confirmBooking, 16],
  ['cancelBooking', cancelBooking, 9],
  ['purgeBooking', purgeBooking, 6],
  ['deleteUser', deleteUser, 3],
];

const TOTAL_WEIGHT = TRANSACTIONS.reduce((n, [, , w]) => n + w, 0);

export function pickTransaction(random: Random): readonly [string, Transaction, number] {
  let r = random.next() * TOTAL_WEIGHT;
  for (const entry of TRANSACTIONS) {
    r -= entry[2];
    if (r < 0) return entry;
  }
  return TRANSACTIONS[0] as readonly [string, Transaction, number];
}
