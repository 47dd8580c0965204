import type { LogLevel } from '@inlet/schemas';
import type { Catalog, Product, Stay } from './catalog';
import type { Rng } from './rng';
import type { UserProfile } from './users';

type Properties = Record<string, unknown>;

/** What a journey remembers between its states (the product looked at, the cart). */
export interface JourneyVars {
  product?: Product;
  stay?: Stay;
  query?: string;
  cartItems: number;
  cartValue: number;
  screen?: string;
}

export interface ClickTarget {
  readonly tag: string;
  readonly id?: string;
  readonly classes?: readonly string[];
  readonly text?: string;
  readonly href?: string;
  readonly selector?: string;
}

/**
 * What a journey's states call: the SDK core's tracking methods as a user of one kind would make
 * them, with the user's own random sequence, profile and the shared catalogue.
 */
export interface VuApi {
  readonly rng: Rng;
  readonly user: UserProfile;
  readonly catalog: Catalog;
  readonly vars: JourneyVars;
  /** A web page view; sets the page every later web event carries. */
  page(name: string, path: string, properties?: Properties): void;
  screen(name: string, properties?: Properties): void;
  track(event: string, properties?: Properties): void;
  /** A click on the current page, at a point drawn inside a plausible viewport. */
  click(target: ClickTarget, properties?: Properties): void;
  log(
    level: LogLevel,
    message: string,
    fields?: {
      logger?: string;
      error?: { name: string; message: string; stack?: string };
      attributes?: Properties;
    },
  ): void;
  /** Identifies the user with their profile's traits (registered users by userId). */
  identify(): void;
}
