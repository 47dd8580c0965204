import type { Journey } from '../journey';
import type { UserKind } from '../users';
import { mobileUser } from './mobile-user';
import { serviceLogs } from './service-logs';
import { webVisitor } from './web-visitor';

/** The journey each kind of user walks. */
export const JOURNEYS: Readonly<Record<UserKind, Journey>> = {
  web: webVisitor,
  mobile: mobileUser,
  service: serviceLogs,
};
