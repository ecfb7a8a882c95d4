import { AuditLogEntry } from './audit-log-entry.entity.js';

export { AuditLogEntry };

/** The entities of UserAuditLogModule: add them to the host's MikroORM `entities`. */
export const AUDIT_LOG_ENTITIES = [AuditLogEntry];
