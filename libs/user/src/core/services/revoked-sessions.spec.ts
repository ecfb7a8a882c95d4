import type { ResolvedUserOptions } from '../options/resolved-options.js';
import type { SessionRevocationBroadcast } from '../extension-points/session-revocation-broadcast.js';
import { RevokedSessions } from './revoked-sessions.js';

// Under ESM the jest object is not a global: it comes with the module.
const jest = import.meta.jest;

/** A broadcast that delivers in this process, to every subscriber, as Redis would. */
function localBroadcast(): SessionRevocationBroadcast & { published: string[][] } {
  const listeners = new Set<(ids: string[]) => void>();
  const published: string[][] = [];
  return {
    published,
    async publish(ids) {
      published.push([...ids]);
      for (const listener of listeners) listener([...ids]);
    },
    async subscribe(listener) {
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
      };
    },
  };
}

const optionsWith = (broadcast?: SessionRevocationBroadcast) =>
  ({ accessTokenTtlSeconds: 60, sessionRevocationBroadcast: broadcast }) as ResolvedUserOptions;

describe('RevokedSessions', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('refuses an announced session on every instance subscribed, for one token lifetime plus skew', async () => {
    const broadcast = localBroadcast();
    const here = new RevokedSessions(optionsWith(broadcast));
    const there = new RevokedSessions(optionsWith(broadcast));
    await here.onApplicationBootstrap();
    await there.onApplicationBootstrap();
    here.announce(['s1']);
    expect(broadcast.published).toEqual([['s1']]);
    expect(here.has('s1')).toBe(true);
    expect(there.has('s1')).toBe(true);
    expect(there.has('s2')).toBe(false);
    jest.advanceTimersByTime(64_999);
    expect(there.has('s1')).toBe(true);
    jest.advanceTimersByTime(1);
    expect(there.has('s1')).toBe(false);
    await there.onApplicationShutdown();
    here.announce(['s3']);
    expect(there.has('s3')).toBe(false);
  });

  it('without a broadcast announces nothing and holds nothing', () => {
    const alone = new RevokedSessions(optionsWith());
    expect(alone.broadcasting).toBe(false);
    alone.announce(['s1']);
    expect(alone.has('s1')).toBe(false);
  });

  it('a failing broker neither throws into the revocation nor stops the start', async () => {
    const broken: SessionRevocationBroadcast = {
      publish: () => Promise.reject(new Error('down')),
      subscribe: () => Promise.reject(new Error('down')),
    };
    const instance = new RevokedSessions(optionsWith(broken));
    await expect(instance.onApplicationBootstrap()).resolves.toBeUndefined();
    expect(() => instance.announce(['s1'])).not.toThrow();
    expect(instance.has('s1')).toBe(true);
  });
});
