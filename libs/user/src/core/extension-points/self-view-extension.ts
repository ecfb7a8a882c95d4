import type { AuthenticatedPrincipal } from '../services/sessions.service.js';

/** JSON data of the host's, by name, e.g. `{ memberships: [...] }`. */
export type SelfViewExtensions = Record<string, unknown>;

/**
 * Adds the host's own data to the user's self view: GET /me and PATCH /me's answer carry it under
 * `extensions`, so a front-end gets it without a second round trip. The host registers it as a
 * provider in any of its modules: `{ provide: SelfViewExtension, useClass: MembershipsView }`.
 * It runs beside the library's own read on every GET /me: keep it to one query. It cannot break
 * the view: whatever it throws (or a result that is not an object) is logged, and the view
 * answers with `extensions: null`.
 */
export interface SelfViewExtension<Extensions extends SelfViewExtensions = SelfViewExtensions> {
  /**
   * The data for this signed-in user (`principal.id`, `principal.roles`, `principal.fields`, as
   * the request found them: on PATCH /me, before its change).
   */
  extend(principal: AuthenticatedPrincipal): Promise<Extensions> | Extensions;
}

export const SelfViewExtension = Symbol('UserKit.SelfViewExtension');
