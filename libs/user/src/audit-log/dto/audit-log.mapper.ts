import type { AuditLogEntry } from '../entities/audit-log-entry.entity.js';
import type { AuditLogEntryResponse, SecurityActivityResponse } from './audit-log.response.js';

export function mapAuditLogEntry(entry: AuditLogEntry): AuditLogEntryResponse {
  return {
    id: entry.id,
    type: entry.type,
    createdAt: entry.createdAt.toISOString(),
    userId: entry.userId,
    actorId: entry.actorId,
    sessionId: entry.sessionId,
    ip: entry.ip,
    userAgent: entry.userAgent,
    details: entry.details,
  };
}

export function mapSecurityActivity(
  entry: AuditLogEntry,
  currentSessionId: string,
): SecurityActivityResponse {
  return {
    id: entry.id,
    type: entry.type,
    createdAt: entry.createdAt.toISOString(),
    ip: entry.ip,
    userAgent: entry.userAgent,
    currentSession: entry.sessionId === currentSessionId,
    details: entry.details,
  };
}
