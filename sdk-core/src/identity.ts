import type { KeyValueStore } from './seams/key-value-store';

export type Traits = Record<string, unknown>;

export interface User {
  readonly anonymousId: string;
  readonly userId?: string | undefined;
  readonly traits: Traits;
}

function readTraits(text: string | undefined): Traits {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return typeof value === 'object' && value && !Array.isArray(value) ? (value as Traits) : {};
  } catch {
    return {};
  }
}

/**
 * Who the events are about, kept in memory and written through to `kv` (keys `anonymousId`,
 * `userId`, `traits`) only when a value changes. The anonymousId is made on first use and kept
 * until `reset()`.
 */
export function createIdentity(kv: KeyValueStore, newId: () => string) {
  let anonymousId = kv.get('anonymousId') ?? '';
  let userId = kv.get('userId');
  let traits = readTraits(kv.get('traits'));
  const save = (nextAnonymousId: string, nextUserId: string | undefined, nextTraits: Traits) => {
    if (nextAnonymousId !== anonymousId) kv.set('anonymousId', nextAnonymousId || undefined);
    if (nextUserId !== userId) kv.set('userId', nextUserId);
    if (nextTraits !== traits) {
      kv.set('traits', Object.keys(nextTraits).length ? JSON.stringify(nextTraits) : undefined);
    }
    anonymousId = nextAnonymousId;
    userId = nextUserId;
    traits = nextTraits;
  };
  /** The current user, with an anonymousId made (and persisted) if there was none. */
  const get = (): User => {
    if (!anonymousId) save(newId(), userId, traits);
    return { anonymousId, userId, traits };
  };

  return {
    get,
    /** A new userId replaces the traits; the same userId (or none) merges them. */
    identify(nextUserId: string | undefined, nextTraits?: Traits): User {
      const changed = nextUserId !== undefined && nextUserId !== userId;
      save(get().anonymousId, changed ? nextUserId : userId, { ...(changed ? {} : traits), ...nextTraits });
      return get();
    },
    /** A new anonymousId; userId and traits cleared. */
    reset(): void {
      save(newId(), undefined, {});
    },
    /** Everything removed, in memory and in `kv` (opt-out); the next `get()` makes a new anonymousId. */
    forget(): void {
      save('', undefined, {});
    },
  };
}

export type Identity = ReturnType<typeof createIdentity>;
