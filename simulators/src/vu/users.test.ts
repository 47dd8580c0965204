import { describe, expect, it } from 'vitest';
import { makeUser } from './users';

describe('makeUser', () => {
  it('gives the same user the same ids, device, locale and traits, and others different ones', () => {
    const mobile = makeUser('mobile', 9, 41);
    expect(makeUser('mobile', 9, 41)).toEqual(mobile);
    expect(makeUser('mobile', 9, 42).anonymousId).not.toBe(mobile.anonymousId);
    expect(makeUser('mobile', 10, 41).anonymousId).not.toBe(mobile.anonymousId);
    expect(mobile.context).toMatchObject({
      app: { name: 'Wayfarer' },
      device: { id: expect.any(String), model: expect.any(String) },
      os: { name: expect.stringMatching(/iOS|Android/) },
      locale: expect.any(String),
      timezone: expect.any(String),
    });
    expect(mobile.traits.email).toMatch(/@/);
  });

  it('gives web visitors a browser context and services their instance', () => {
    expect(makeUser('web', 1, 1).context).toMatchObject({
      userAgent: expect.any(String),
      screen: { width: expect.any(Number) },
    });
    expect(makeUser('service', 1, 3)).toMatchObject({
      userId: undefined,
      context: { service: { name: expect.any(String) } },
    });
  });
});
