import { AUDIT_LOG_TYPE_PATTERN } from '../audit-log-types.js';

/** Options of UserAuditLogModule.forRoot() (or the factory of forRootAsync). */
export interface UserAuditLogModuleOptions {
  /** Records older than this many days are pruned. Default 365; `null` keeps them forever. */
  retentionDays?: number | null;
  /**
   * Whether this instance runs the pruning timer. Default true. Several instances may all prune:
   * each batch skips the rows another one is deleting (PostgreSQL `SKIP LOCKED`).
   */
  prune?: boolean;
  /** How often the pruning runs, in minutes. Default 60 (and once shortly after start). */
  pruneIntervalMinutes?: number;
  /** Rows deleted per statement (each its own short transaction). Default 1000. */
  pruneBatchSize?: number;
  /** Record types not written at all, e.g. `['admin.action']`. Default none. */
  excludeTypes?: string[];
  /** Whether records keep the caller's IP address. Default true (privacy rules may say no). */
  recordIpAddresses?: boolean;
}

/** The options after defaults. */
export interface ResolvedAuditLogOptions {
  retentionDays: number | null;
  prune: boolean;
  pruneIntervalMinutes: number;
  pruneBatchSize: number;
  excludeTypes: ReadonlySet<string>;
  recordIpAddresses: boolean;
}

/** The resolved options (ResolvedAuditLogOptions). */
export const AUDIT_LOG_OPTIONS = Symbol('UserKit.AuditLogOptions');

function isWholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Defaults and checks: throws at start-up for an option the module cannot use. */
export function resolveAuditLogOptions(
  options: UserAuditLogModuleOptions | undefined,
): ResolvedAuditLogOptions {
  const given = options ?? {};
  const problems: string[] = [];
  const retentionDays = given.retentionDays === undefined ? 365 : given.retentionDays;
  if (retentionDays !== null && !isWholeNumber(retentionDays, 1, 36500))
    problems.push('retentionDays must be a whole number of days from 1 to 36500, or null');
  const pruneIntervalMinutes = given.pruneIntervalMinutes ?? 60;
  if (!isWholeNumber(pruneIntervalMinutes, 1, 7 * 24 * 60))
    problems.push('pruneIntervalMinutes must be a whole number from 1 to 10080');
  const pruneBatchSize = given.pruneBatchSize ?? 1000;
  if (!isWholeNumber(pruneBatchSize, 1, 100_000))
    problems.push('pruneBatchSize must be a whole number from 1 to 100000');
  const prune = given.prune ?? true;
  if (typeof prune !== 'boolean') problems.push('prune must be true or false');
  const recordIpAddresses = given.recordIpAddresses ?? true;
  if (typeof recordIpAddresses !== 'boolean')
    problems.push('recordIpAddresses must be true or false');
  const excludeTypes = given.excludeTypes ?? [];
  if (
    !Array.isArray(excludeTypes) ||
    excludeTypes.some((type) => typeof type !== 'string' || !AUDIT_LOG_TYPE_PATTERN.test(type))
  )
    problems.push('excludeTypes must be a list of record types (e.g. "admin.action")');
  if (problems.length > 0)
    throw new Error(`Invalid UserAuditLogModule options:\n - ${problems.join('\n - ')}`);
  return {
    retentionDays,
    prune,
    pruneIntervalMinutes,
    pruneBatchSize,
    excludeTypes: new Set(excludeTypes),
    recordIpAddresses,
  };
}
