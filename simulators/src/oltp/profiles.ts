/** The workload's profiles: `seed` is the documented trickle, `load` as much as the machine takes. */
export const OLTP_PROFILES = {
  /** 20–30 changes per minute (25 on average), one connection: a demo database that is alive. */
  seed: { perSecond: 25 / 60, concurrency: 1 },
  /** No rate limit, four connections. */
  load: { perSecond: Number.POSITIVE_INFINITY, concurrency: 4 },
} as const;

export type OltpProfile = keyof typeof OLTP_PROFILES;
export const OLTP_PROFILE_NAMES = Object.keys(OLTP_PROFILES) as OltpProfile[];
