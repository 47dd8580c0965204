import { base, en, Faker } from '@faker-js/faker';
import type { Context } from '@inlet/sdk-core';
import { Rng, seedFrom } from './rng';

/** Which journey family a user belongs to; it decides the shape of the context. */
export const USER_KINDS = ['web', 'mobile', 'service'] as const;
export type UserKind = (typeof USER_KINDS)[number];

/** Everything that stays the same for one user across visits: ids, device, locale, traits. */
export interface UserProfile {
  readonly kind: UserKind;
  readonly anonymousId: string;
  /** Set for registered users (they identify at checkout or login); guests have none. */
  readonly userId: string | undefined;
  readonly traits: Readonly<Record<string, string | number | boolean>>;
  /** The platform context every event of this user starts from. */
  readonly context: Context;
}

const LOCALES: Readonly<Record<string, [weight: number, timezone: string, country: string]>> = {
  'en-US': [38, 'America/New_York', 'US'],
  'en-GB': [10, 'Europe/London', 'GB'],
  'de-DE': [10, 'Europe/Berlin', 'DE'],
  'fr-FR': [8, 'Europe/Paris', 'FR'],
  'es-ES': [8, 'Europe/Madrid', 'ES'],
  'pt-BR': [8, 'America/Sao_Paulo', 'BR'],
  'ja-JP': [6, 'Asia/Tokyo', 'JP'],
  'it-IT': [6, 'Europe/Rome', 'IT'],
  'nl-NL': [6, 'Europe/Amsterdam', 'NL'],
};
const LOCALE_WEIGHTS = Object.fromEntries(Object.entries(LOCALES).map(([k, [w]]) => [k, w]));

const PHONES = [
  ['Apple', 'iPhone15,2', 'ios', 'iOS', ['17.5', '17.6', '18.1'], 1179, 2556, 3],
  ['Apple', 'iPhone16,1', 'ios', 'iOS', ['17.6', '18.1', '18.2'], 1179, 2556, 3],
  ['Samsung', 'SM-S921B', 'android', 'Android', ['14', '15'], 1080, 2340, 2.625],
  ['Google', 'Pixel 8', 'android', 'Android', ['14', '15'], 1080, 2400, 2.625],
  ['Xiaomi', '23127PN0CG', 'android', 'Android', ['13', '14'], 1220, 2712, 2.75],
] as const;
const SCREENS = [
  [1920, 1080],
  [1536, 864],
  [1440, 900],
  [2560, 1440],
  [1366, 768],
  [390, 844],
] as const;
const CARRIERS = ['Vodafone', 'T-Mobile', 'Orange', 'AT&T', 'Verizon', 'Movistar'] as const;
export const APP = { name: 'Wayfarer', namespace: 'com.example.wayfarer', version: '4.12.0', build: '41200' };

const faker = new Faker({ locale: [en, base] });

/**
 * The user `index` of `kind` in the run seeded `seed`: the same arguments always give the same
 * person, device and locale, so a returning user looks like one. Faker is reseeded per user, so no
 * user depends on how many others were made before.
 */
export function makeUser(kind: UserKind, seed: number, index: number): UserProfile {
  const userSeed = seedFrom(`${seed}:${kind}:${index}`);
  const rng = new Rng(userSeed, 1);
  faker.seed(userSeed);
  const locale = rng.weighted(LOCALE_WEIGHTS);
  const [, timezone, country] = LOCALES[locale] ?? LOCALES['en-US'] ?? [0, 'UTC', 'US'];
  const anonymousId = rng.uuid();
  if (kind === 'service') {
    const service = rng.pick(['checkout-api', 'search-api', 'booking-service', 'payments-worker'] as const);
    return {
      kind,
      anonymousId: `${service}-${index}`,
      userId: undefined,
      traits: {},
      context: {
        service: {
          name: service,
          version: faker.system.semver(),
          instance: `${service}-${rng.uuid().slice(0, 8)}`,
        },
        host: { name: `ip-10-0-${rng.int(256)}-${rng.int(256)}` },
      },
    };
  }
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const registered = rng.chance(kind === 'mobile' ? 0.7 : 0.45);
  const traits = {
    firstName,
    lastName,
    email: faker.internet.email({ firstName, lastName }).toLowerCase(),
    country,
    plan: rng.weighted({ free: 70, plus: 22, business: 8 }),
    createdAt: faker.date.past({ years: 4, refDate: '2026-01-01T00:00:00Z' }).toISOString(),
  };
  const userId = registered ? `u_${rng.uuid().replaceAll('-', '').slice(0, 16)}` : undefined;
  if (kind === 'web') {
    const [width, height] = rng.pick(SCREENS);
    return {
      kind,
      anonymousId,
      userId,
      traits,
      context: { userAgent: faker.internet.userAgent(), locale, timezone, screen: { width, height } },
    };
  }
  const [manufacturer, model, type, osName, versions, width, height, density] = rng.pick(PHONES);
  const wifi = rng.chance(0.6);
  return {
    kind,
    anonymousId,
    userId,
    traits,
    context: {
      app: { ...APP },
      device: { id: rng.uuid(), manufacturer, model, type, adTrackingEnabled: rng.chance(0.3) },
      os: { name: osName, version: rng.pick(versions) },
      network: { wifi, cellular: !wifi, carrier: rng.pick(CARRIERS) },
      screen: { width, height, density },
      locale,
      timezone,
    },
  };
}
