/** Prices, dates and counts as the shop shows them (en-GB, euros). */

const money = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const moneyCents = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
const day = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

export const formatPrice = (euros: number): string => money.format(euros);
export const formatTotal = (euros: number): string => moneyCents.format(euros);
export const formatDay = (isoDate: string): string => day.format(new Date(`${isoDate}T00:00:00Z`));
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** `YYYY-MM-DD`, `days` after `from` (UTC). */
export function isoDay(from: Date, days = 0): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}

/** Nights between two `YYYY-MM-DD` dates; at least 1. */
export function nightsBetween(checkin: string, checkout: string): number {
  const ms = Date.parse(`${checkout}T00:00:00Z`) - Date.parse(`${checkin}T00:00:00Z`);
  const nights = Math.round(ms / 86_400_000);
  return Number.isFinite(nights) && nights > 0 ? nights : 1;
}
