import type { ExecutionContext } from '@nestjs/common';
import type { ResolvedUserOptions } from '../options/resolved-options.js';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';
import { attachPrincipal } from './principal-request-key.js';
import { RecentSignInGuard } from './recent-sign-in.guard.js';

// Under ESM the jest object is not a global: it comes with the module.
const jest = import.meta.jest;

const NOW = new Date('2030-01-01T12:00:00.000Z');

function guardWithWindow(seconds: number): RecentSignInGuard {
  return new RecentSignInGuard({
    identifiers: { reauthenticationWindowSeconds: seconds },
  } as ResolvedUserOptions);
}

/** A request the auth guard let through, for a session signed in at `authenticatedAt`. */
function contextSignedInAt(authenticatedAt: Date | null): ExecutionContext {
  const request = {};
  if (authenticatedAt)
    attachPrincipal(request, { id: 'user-1', authenticatedAt } as AuthenticatedPrincipal);
  return { switchToHttp: () => ({ getRequest: () => request }) } as ExecutionContext;
}

describe('RecentSignInGuard', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('lets a sign-in exactly as old as the window through, and refuses one a millisecond older', () => {
    const guard = guardWithWindow(3600);
    const signedIn = new Date(NOW.getTime() - 3600 * 1000);
    expect(guard.canActivate(contextSignedInAt(signedIn))).toBe(true);
    jest.setSystemTime(NOW.getTime() + 1);
    expect(() => guard.canActivate(contextSignedInAt(signedIn))).toThrow(
      expect.objectContaining({ code: 'REAUTHENTICATION_REQUIRED' }),
    );
  });

  it('measures from the sign-in, so a session ages out of the window as the clock moves', () => {
    const guard = guardWithWindow(300);
    const context = contextSignedInAt(NOW);
    expect(guard.canActivate(context)).toBe(true);
    jest.setSystemTime(NOW.getTime() + 300 * 1000 + 1);
    expect(() => guard.canActivate(context)).toThrow(
      expect.objectContaining({ code: 'REAUTHENTICATION_REQUIRED' }),
    );
  });

  it('says how recent the sign-in must be, in the unit the window was given in', () => {
    const old = contextSignedInAt(new Date(NOW.getTime() - 3 * 3600 * 1000));
    const messageOf = (seconds: number) => {
      try {
        guardWithWindow(seconds).canActivate(old);
        return null;
      } catch (error) {
        return (error as { message: string }).message;
      }
    };
    expect(messageOf(3600)).toContain('within the last hour:');
    expect(messageOf(7200)).toContain('within the last 2 hours:');
    expect(messageOf(60)).toContain('within the last minute:');
    expect(messageOf(600)).toContain('within the last 10 minutes:');
    expect(messageOf(90)).toContain('within the last 90 seconds:');
  });

  it('refuses a request no session was authenticated for', () => {
    expect(() => guardWithWindow(3600).canActivate(contextSignedInAt(null))).toThrow(
      expect.objectContaining({ code: 'NOT_SIGNED_IN' }),
    );
  });
});
