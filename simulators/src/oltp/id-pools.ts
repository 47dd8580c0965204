/**
 * The ids the workload knows, by what can happen to them next. A transaction takes ids out of a pool
 * (so concurrent workers never pick the same booking twice) and puts them back, or moves them on, only
 * once it committed.
 */
import type pg from 'pg';
import type { Random } from './random-data';

export const POOL_NAMES = [
  'users',
  'freshUsers',
  'properties',
  'flights',
  'pending',
  'confirmed',
  'cancelled',
] as const;
export type PoolName = (typeof POOL_NAMES)[number];

/** At most this many ids per pool are remembered (oldest forgotten first); the database keeps the rest. */
const MAX_POOL = 50_000;

export class IdPools {
  private readonly pools = new Map<PoolName, string[]>(POOL_NAMES.map((n) => [n, []]));

  size(name: PoolName): number {
    return this.get(name).length;
  }

  add(name: PoolName, id: string): void {
    const pool = this.get(name);
    pool.push(id);
    if (pool.length > MAX_POOL) pool.splice(0, pool.length - MAX_POOL);
  }

  /** A random id, left in the pool (for rows many transactions may touch at once). */
  peek(name: PoolName, random: Random): string | undefined {
    const pool = this.get(name);
    return pool.length === 0 ? undefined : pool[random.int(0, pool.length - 1)];
  }

  /** A random id, removed from the pool. */
  take(name: PoolName, random: Random): string | undefined {
    const pool = this.get(name);
    if (pool.length === 0) return undefined;
    const i = random.int(0, pool.length - 1);
    const id = pool[i];
    // Swap-remove: order inside a pool does not matter.
    pool[i] = pool[pool.length - 1] as string;
    pool.pop();
    return id;
  }

  remove(name: PoolName, id: string): void {
    const pool = this.get(name);
    const i = pool.indexOf(id);
    if (i >= 0) pool.splice(i, 1);
  }

  private get(name: PoolName): string[] {
    const pool = this.pools.get(name);
    if (!pool) throw new Error(`unknown id pool ${name}`);
    return pool;
  }
}

/** Fills the pools from rows already in the database (a workload restarted on the same schema). */
export async function loadPools(client: pg.ClientBase, pools: IdPools): Promise<void> {
  const ids = async (sql: string): Promise<string[]> =>
    (await client.query<{ id: string }>(`${sql} LIMIT ${MAX_POOL}`)).rows.map((r) => String(r.id));
  for (const id of await ids('SELECT id FROM users ORDER BY id DESC')) pools.add('users', id);
  for (const id of await ids(
    'SELECT u.id FROM users u WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.user_id = u.id) ORDER BY id DESC',
  )) {
    pools.add('freshUsers', id);
  }
  for (const id of await ids('SELECT id FROM properties ORDER BY id DESC')) pools.add('properties', id);
  for (const id of await ids('SELECT id FROM flights ORDER BY id DESC')) pools.add('flights', id);
  for (const status of ['pending', 'confirmed', 'cancelled'] as const) {
    for (const id of await ids(`SELECT id FROM bookings WHERE status = '${status}' ORDER BY id DESC`)) {
      pools.add(status, id);
    }
  }
}
