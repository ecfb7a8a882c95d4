/** One record to write: the fields of AuditLogEntry but its id and time. */
export interface AuditLogRecord {
  /** An AUDIT_LOG_TYPES name, or a host's own (lower-case `word.word`, at most 64 characters). */
  type: string;
  userId: string | null;
  actorId: string | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** A small JSON object (at most 2 KiB once serialized; larger ones are cut to `{ truncated }`). */
  details: Record<string, unknown>;
}
