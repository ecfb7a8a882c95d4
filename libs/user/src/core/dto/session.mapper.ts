import type { Session } from '../entities/session.entity.js';
import { sessionActivity } from '../services/session-activity.js';
import type {
  AdminSessionResponse,
  SessionResponse,
  SessionWithActivitiesResponse,
} from './session.response.js';

function mapSessionWithActivities(session: Session, now: Date): SessionWithActivitiesResponse {
  return {
    id: session.id,
    status: session.revokedAt ? 'revoked' : session.expiresAt <= now ? 'expired' : 'active',
    createdAt: session.createdAt.toISOString(),
    lastActiveAt: session.lastUsedAt.toISOString(),
    expireAt: session.expiresAt.toISOString(),
    latestActivity: sessionActivity(session.userAgent, session.ip),
    userAgent: session.userAgent,
    ip: session.ip,
  };
}

export function mapSession(session: Session, currentSessionId: string, now: Date): SessionResponse {
  return { ...mapSessionWithActivities(session, now), current: session.id === currentSessionId };
}

export function mapAdminSession(session: Session, now: Date): AdminSessionResponse {
  return {
    ...mapSessionWithActivities(session, now),
    revokedAt: session.revokedAt?.toISOString() ?? null,
    revokedReason: session.revokedReason,
  };
}
