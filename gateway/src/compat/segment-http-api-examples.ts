/**
 * The request examples of Segment's HTTP Tracking API reference ("HTTP API Source",
 * segment.com/docs/connections/sources/catalog/libraries/server/http-api), body text as documented
 * with `YOUR_WRITE_KEY` (or the sample key) standing for the test's key. Only the host changes.
 */

export const WRITE_KEY_PLACEHOLDER = 'YOUR_WRITE_KEY';

export interface DocExample {
  readonly name: string;
  readonly path: string;
  /** Extra curl arguments the docs use for this example (auth headers). */
  readonly curlArgs: readonly string[];
  readonly body: string;
  /** Indexes of the events the gateway must reject (the docs' own malformed values), with why. */
  readonly rejected?: readonly { readonly index: number; readonly path: string }[];
}

export const SEGMENT_DOC_EXAMPLES: readonly DocExample[] = [
  {
    name: 'writeKey authentication (track, key in the body)',
    path: '/v1/track',
    curlArgs: [],
    body: `{
      "event": "happy-path-a3ef8a6f-0482-4694-bc4d-4afba03a0eab",
      "email": "test@example.org",
      "userId": "123",
      "writeKey": "YOUR_WRITE_KEY"
  }`,
  },
  {
    // The docs' example lacks the closing quote of --data-raw; the body is the one shown. The
    // bearer token is not Inlet's: the writeKey in the body authenticates.
    name: 'OAuth (bearer token, key in the body)',
    path: '/v1/track',
    curlArgs: ['--header', 'Authorization: Bearer <access token>'],
    body: `{
      "event": "happy-path-a3ef8a6f-0482-4694-bc4d-4afba03a0eab",
      "email": "test@example.org",
      "messageId": "58524f3a-3b76-4eac-aa97-d88bccdf4f77",
      "userId": "123",
      "type": "track",
      "writeKey": "YOUR_WRITE_KEY"
  }`,
  },
  {
    name: 'Identify',
    path: '/v1/identify',
    curlArgs: [],
    body: `{
  "userId": "019mr8mf4r",
  "traits": {
    "email": "pgibbons@example.com",
    "name": "Peter Gibbons",
    "industry": "Technology"
  },
  "context": {
    "ip": "24.5.68.47"
  },
  "timestamp": "2012-12-02T00:30:08.276Z",
  "writeKey": "YOUR_WRITE_KEY"
}`,
  },
  {
    name: 'Track',
    path: '/v1/track',
    curlArgs: [],
    body: `{
  "userId": "019mr8mf4r",
  "event": "Item Purchased",
  "properties": {
    "name": "Leap to Conclusions Mat",
    "revenue": 14.99
  },
  "context": {
    "ip": "24.5.68.47"
  },
  "timestamp": "2012-12-02T00:30:12.984Z",
  "writeKey": "YOUR_WRITE_KEY"
}`,
  },
  {
    name: 'Page',
    path: '/v1/page',
    curlArgs: [],
    body: `{
  "userId": "019mr8mf4r",
  "name": "Tracking HTTP API",
  "timestamp": "2012-12-02T00:31:29.738Z",
  "writeKey": "YOUR_WRITE_KEY"
}`,
  },
  {
    name: 'Screen',
    path: '/v1/screen',
    curlArgs: [],
    body: `{
  "userId": "019mr8mf4r",
  "name": "Tracking HTTP API",
  "timestamp": "2012-12-02T00:31:29.738Z",
  "writeKey": "YOUR_WRITE_KEY"
}`,
  },
  {
    name: 'Group',
    path: '/v1/group',
    curlArgs: [],
    body: `{
  "userId": "019mr8mf4r",
  "groupId": "8e9df332ac",
  "traits": {
    "name": "Initech",
    "industry": "Technology",
    "employees": 420
  },
  "timestamp": "2012-12-02T00:31:38.208Z",
  "writeKey": "YOUR_WRITE_KEY"
}`,
  },
  {
    name: 'Alias',
    path: '/v1/alias',
    curlArgs: [],
    body: `{
  "previousId": "39239-239239-239239-23923",
  "userId": "019mr8mf4r",
  "timestamp": "2012-12-02T00:31:29.738Z",
  "writeKey": "YOUR_WRITE_KEY"
}`,
  },
  {
    // Two of the docs' own timestamps are not dates ("2015-2-02…": a one-digit month); those two
    // events are rejected and dead-lettered, the other two stored.
    name: 'Batch',
    path: '/v1/batch',
    curlArgs: [],
    body: `{
  "batch": [
    {
      "type": "identify",
      "userId": "019mr8mf4r",
      "traits": {
        "email": "jake@yahoo.com",
        "name": "Jake Peterson",
        "age": 26
      },
      "timestamp": "2012-12-02T00:30:08.276Z"
    },
    {
      "type": "track",
      "userId": "019mr8mf4r",
      "event": "Song Played",
      "properties": {
        "name": "Fallin for You",
        "artist": "Dierks Bentley"
      },
      "timestamp": "2012-12-02T00:30:12.984Z"
    },
    {
      "type": "identify",
      "userId": "971mj8mk7p",
      "traits": {
        "email": "cindy@example.com",
        "name": "Cindy Gonzalez",
        "age": 23
      },
      "timestamp": "2015-2-02T00:30:08.276Z"
    },
    {
      "type": "track",
      "userId": "971mj8mk7p",
      "event": "Song Played",
      "properties": {
        "name": "Get Right",
        "artist": "Jennifer Lopez"
      },
      "timestamp": "2015-2-02T00:30:12.984Z"
    }
  ],
  "writeKey": "YOUR_WRITE_KEY",
  "context": {
    "device": {
      "type": "phone",
      "name": "Apple iPhone 6"
    }
  }
}`,
    rejected: [
      { index: 2, path: 'batch[2].timestamp' },
      { index: 3, path: 'batch[3].timestamp' },
    ],
  },
  {
    name: 'Selecting destinations (identify with integrations)',
    path: '/v1/identify',
    curlArgs: [],
    body: `{
  "userId": "019mr8mf4r",
  "traits": {
    "email": "pgibbons@example.com",
    "name": "Peter Gibbons",
    "industry": "Technology"
  },
  "context": {
    "ip": "24.5.68.47"
  },
  "timestamp": "2012-12-02T00:30:08.276Z",
  "integrations": {
    "All": false,
    "Mixpanel": true,
    "Kissmetrics": true,
    "Google Analytics": false
  },
  "writeKey": "YOUR_WRITE_KEY"
}`,
  },
];

/** The events an example should store: the route's type set, the write key gone, batch context merged. */
export function expectedEvents(example: DocExample): Record<string, unknown>[] {
  const body = JSON.parse(example.body) as Record<string, unknown>;
  const rejected = new Set((example.rejected ?? []).map((r) => r.index));
  if (Array.isArray(body.batch)) {
    const context = body.context as Record<string, unknown> | undefined;
    return (body.batch as Record<string, unknown>[])
      .filter((_, i) => !rejected.has(i))
      .map((event) => ({
        ...event,
        ...(context ? { context: { ...context, ...(event.context as object) } } : {}),
      }));
  }
  const { writeKey: _key, ...event } = body;
  return [{ ...event, type: example.path.slice('/v1/'.length) }];
}
