import { Injectable, type ExecutionContext } from '@nestjs/common';

/**
 * A feature's read joined to the session check's one statement (database mode), so a route that
 * needs a row beside the session (an organization route's membership) costs no second round trip.
 * The route names the read through `SESSION_CHECK_READ` metadata; the guard runs it only there.
 */
export interface SessionCheckRead {
  /** Lower-case letters and `_`: the statement's name and the prefix of its columns. */
  readonly name: string;
  /**
   * SQL placed after the session's user (`u`) in the FROM clause: LEFT JOINs whose conditions hold
   * exactly one `?`, the request's argument.
   */
  readonly joins: string;
  /** The selected expressions, each aliased `"<name>__<column>"`. */
  readonly columns: string;
  /** The `?` of this request, or undefined: not read in the statement (the feature reads it). */
  argumentOf(request: object, context: ExecutionContext): string | undefined;
}

/** Route metadata: the name of the SessionCheckRead the route's session check joins. */
export const SESSION_CHECK_READ = 'userkit:sessionCheckRead';

/** The reads the features registered (at their module's init). */
@Injectable()
export class SessionCheckReads {
  private readonly reads = new Map<string, SessionCheckRead>();

  register(read: SessionCheckRead): void {
    if (!/^[a-z_]{1,40}$/.test(read.name))
      throw new Error(`Bad session check read name ${read.name}`);
    this.reads.set(read.name, read);
  }

  get(name: string): SessionCheckRead | undefined {
    return this.reads.get(name);
  }
}

/** What a joined read found for a request: its argument, and its columns (null: no row). */
export interface SessionCheckReadResult {
  argument: string;
  row: Record<string, unknown> | null;
}

// Keyed by the request object; only the guard writes, so a host's middleware cannot forge one.
const resultsByRequest = new WeakMap<object, Map<string, SessionCheckReadResult>>();

export function attachSessionCheckRead(
  request: object,
  name: string,
  result: SessionCheckReadResult,
): void {
  let results = resultsByRequest.get(request);
  if (!results) resultsByRequest.set(request, (results = new Map()));
  results.set(name, result);
}

/** The result of the read `name` the session check of this request joined, if it did. */
export function sessionCheckReadOf(
  request: object,
  name: string,
): SessionCheckReadResult | undefined {
  return resultsByRequest.get(request)?.get(name);
}
