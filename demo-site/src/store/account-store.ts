/**
 * The signed-in traveller and their bookings, kept in localStorage: the demo has no accounts
 * server, and a stable user id per email is what `identify` needs.
 */

export interface Account {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly since: string;
}

export interface Booking {
  readonly orderId: string;
  readonly propertyId: string;
  readonly name: string;
  readonly city: string;
  readonly checkin: string;
  readonly checkout: string;
  readonly guests: number;
  readonly total: number;
}

const USER_KEY = 'coastline.user';
const BOOKINGS_KEY = 'coastline.bookings';

function read<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
}

/** A stable user id from the email (FNV-1a), so signing in twice is the same user. */
export function userIdFor(email: string): string {
  let hash = 0x811c9dc5;
  for (const char of email.trim().toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `u-${hash.toString(36)}`;
}

export const currentUser = (): Account | undefined => read<Account | undefined>(USER_KEY, undefined);

export function signIn(email: string, name: string): Account {
  const account: Account = {
    userId: userIdFor(email),
    email: email.trim(),
    name: name.trim(),
    since: new Date().toISOString(),
  };
  localStorage.setItem(USER_KEY, JSON.stringify(account));
  return account;
}

export function signOut(): void {
  localStorage.removeItem(USER_KEY);
}

export const bookings = (): Booking[] => read<Booking[]>(BOOKINGS_KEY, []);

export function addBooking(booking: Booking): void {
  localStorage.setItem(BOOKINGS_KEY, JSON.stringify([booking, ...bookings()].slice(0, 20)));
}
