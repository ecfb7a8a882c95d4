import type { Session } from '../entities/session.entity.js';
import type { SessionResponse } from './identifiers.response.js';

export function mapSession(session: Session, currentSessionId: string): SessionResponse {
  return {
    id: session.id,
    userAgent: session.userAgent,
    ip: session.ip,
    createdAt: session.createdAt.toISOString(),
    lastActiveAt: session.lastUsedAt.toISOString(),
    current: session.id === currentSessionId,
  };
}
