/**
 * Sources over the stand-in providers (`@inlet/simulators/external-api`), as the collector's config
 * takes them: one builder per provider with its path, auth style, paging and record mapping. The
 * caller names the environment variable holding the key and overrides the rest (name, entities,
 * schedule…), so tests and benchmarks pull the same shapes.
 */
export type SourceOverrides = Readonly<Record<string, unknown>>;

/** Current conditions per city, one page each (key in the `appid` query parameter). */
export const standInWeather = (keyEnv: string, over: SourceOverrides = {}) => ({
  name: 'weather',
  url: '/weather/v1/current?city={entity}',
  entities: ['paris', 'tokyo'],
  auth: { in: 'query', name: 'appid', env: keyEnv },
  schedule: { every: '5m' },
  records: {
    entity: 'city:{item.city.id}',
    observedAt: 'item.current.observed_at',
    fields: { 'current.temp_c': 'number' },
  },
  ...over,
});

/** Traffic incidents per area, in numbered pages of 3 (key in the `key` query parameter). */
export const standInIncidents = (keyEnv: string, over: SourceOverrides = {}) => ({
  name: 'incidents',
  url: '/maps/v1/incidents?area={entity}',
  entities: ['paris'],
  auth: { in: 'query', name: 'key', env: keyEnv },
  schedule: { every: '2m' },
  pagination: { style: 'page', sizeParam: 'per_page', size: 3, nextField: 'next_page' },
  records: {
    path: 'incidents',
    entity: 'incident:{item.id}',
    observedAt: 'item.updated_at',
    fields: { id: 'string', updated_at: 'string' },
  },
  ...over,
});

/** Where a bar's entity and time are in the market answer; add the `fields` to keep. */
export const BAR_RECORDS = { path: 'bars', entity: 'bars:{body.symbol}', observedAt: 'item.t' } as const;

/** One-minute bars per symbol, incremental by since/until, in cursor pages (key in `X-Api-Key`). */
export const standInBars = (keyEnv: string, over: SourceOverrides = {}) => ({
  name: 'bars',
  provider: 'market',
  url: '/market/v1/bars?symbol={entity}&limit=3',
  entities: ['AAPL', 'MSFT'],
  auth: { in: 'header', name: 'X-Api-Key', env: keyEnv },
  schedule: { every: '5m' },
  pagination: { style: 'cursor', cursorParam: 'cursor', nextField: 'next_cursor' },
  incremental: { sinceParam: 'since', untilParam: 'until' },
  records: { ...BAR_RECORDS, fields: { o: 'number', c: 'number' } },
  ...over,
});
