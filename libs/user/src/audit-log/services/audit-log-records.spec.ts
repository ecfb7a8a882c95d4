import type { UserKitEventContext, UserKitEvents } from '../../core/events/user-kit-events.js';
import { resolveAuditLogOptions } from '../options/audit-log-options.js';
import { auditRecordOf } from './audit-log-records.js';

const PUBLIC_REQUEST: UserKitEventContext = {
  actorId: null,
  actorSessionId: null,
  ip: '203.0.113.7',
  userAgent: 'Test/1',
};
const ADMIN_REQUEST: UserKitEventContext = {
  actorId: 'admin-1',
  actorSessionId: 'admin-session',
  ip: '198.51.100.2',
  userAgent: 'Console/1',
};

describe('auditRecordOf: which event becomes which record, and who acted', () => {
  it('a sign-in: the user acted, from the new session', () => {
    const event: UserKitEvents['signIn.succeeded'] = {
      userId: 'user-1',
      sessionId: 'session-new',
      method: 'password',
      provider: null,
      secondFactor: 'totp',
      context: PUBLIC_REQUEST,
    };
    expect(auditRecordOf('signIn.succeeded', event)).toEqual({
      type: 'sign_in.succeeded',
      userId: 'user-1',
      actorId: 'user-1',
      sessionId: 'session-new',
      ip: '203.0.113.7',
      userAgent: 'Test/1',
      details: { method: 'password', provider: null, secondFactor: 'totp' },
    });
  });

  it('a failed sign-in: nobody known acted; the identifier only for an unknown account', () => {
    const unknown = auditRecordOf('signIn.failed', {
      userId: null,
      method: 'password',
      reason: 'unknown_account',
      identifier: 'nobody@example.com',
      context: PUBLIC_REQUEST,
    });
    expect(unknown).toMatchObject({
      type: 'sign_in.failed',
      userId: null,
      actorId: null,
      details: { method: 'password', reason: 'unknown_account', identifier: 'nobody@example.com' },
    });
    const known = auditRecordOf('signIn.failed', {
      userId: 'user-1',
      method: 'password',
      reason: 'wrong_password',
      identifier: null,
      context: PUBLIC_REQUEST,
    });
    expect(known).toMatchObject({ actorId: null, details: { reason: 'wrong_password' } });
    expect(known!.details).not.toHaveProperty('identifier');
  });

  it('revocations by cause; an admin is the actor of what they did to someone', () => {
    const revoked = (
      reason: UserKitEvents['session.revoked']['reason'],
      context = PUBLIC_REQUEST,
    ) => auditRecordOf('session.revoked', { userId: 'user-1', sessionId: null, reason, context });
    expect(revoked('logout')).toMatchObject({ type: 'session.signed_out', actorId: 'user-1' });
    expect(revoked('refresh_token_reused')).toMatchObject({
      type: 'session.refresh_token_reused',
      actorId: null,
    });
    expect(revoked('banned', ADMIN_REQUEST)).toMatchObject({
      type: 'session.revoked',
      actorId: 'admin-1',
      sessionId: 'admin-session',
      details: { reason: 'banned' },
    });
    expect(
      auditRecordOf('user.created', {
        userId: 'user-2',
        isAnonymous: false,
        source: 'admin',
        context: ADMIN_REQUEST,
      }),
    ).toMatchObject({ type: 'user.created', actorId: 'admin-1' });
  });

  it('the lifecycle events that are not security events make no record', () => {
    expect(
      auditRecordOf('user.updated', {
        userId: 'u',
        changes: ['firstName'],
        context: PUBLIC_REQUEST,
      }),
    ).toBeNull();
    expect(
      auditRecordOf('session.created', { userId: 'u', sessionId: 's', context: PUBLIC_REQUEST }),
    ).toBeNull();
  });
});

describe('resolveAuditLogOptions', () => {
  it('defaults: a year, pruning on', () => {
    expect(resolveAuditLogOptions({})).toEqual({
      retentionDays: 365,
      prune: true,
      pruneIntervalMinutes: 60,
      pruneBatchSize: 1000,
      excludeTypes: new Set(),
      recordIpAddresses: true,
    });
    expect(resolveAuditLogOptions({ retentionDays: null }).retentionDays).toBeNull();
  });

  it('refuses what it cannot use, naming every problem', () => {
    expect(() =>
      resolveAuditLogOptions({
        retentionDays: 0,
        pruneBatchSize: 1.5,
        excludeTypes: ['Not A Type'],
        prune: 'yes' as unknown as boolean,
      }),
    ).toThrow(/retentionDays[\s\S]*pruneBatchSize[\s\S]*prune must[\s\S]*excludeTypes/);
  });
});
