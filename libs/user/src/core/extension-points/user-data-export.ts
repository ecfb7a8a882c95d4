import { Injectable } from '@nestjs/common';
import type { AuthenticatedPrincipal } from '../services/sessions.service.js';

/**
 * What a feature module (or the host) holds about a user beyond the core's rows, added to the
 * user's own export (`GET /me/export`) under `sections[name]`, e.g. the audit log's
 * `securityActivity`. It must be JSON (what `JSON.stringify` keeps), and only what the user may
 * see: never a secret, a hash or another user's data.
 */
export interface UserDataExportSection {
  /** The key under `sections`: a camelCase name, unique in the app. */
  readonly name: string;
  /** Everything this part of the app holds about the signed-in user. */
  collect(principal: AuthenticatedPrincipal): Promise<unknown>;
}

const SECTION_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

/**
 * The core reads the sections through this registry, never by import: a feature module registers
 * its section when it starts (`onModuleInit`), a host from any of its providers the same way.
 */
@Injectable()
export class UserDataExportSections {
  private readonly sections = new Map<string, UserDataExportSection>();

  register(section: UserDataExportSection): void {
    if (!SECTION_NAME.test(section.name))
      throw new Error(`Export section name ${JSON.stringify(section.name)} must be camelCase`);
    if (this.sections.has(section.name))
      throw new Error(`Export section "${section.name}" is registered twice`);
    this.sections.set(section.name, section);
  }

  /**
   * Each section in turn (they share the request's database connection). One that fails fails the
   * export: an export that leaves data out without saying so would mislead its reader.
   */
  async collect(principal: AuthenticatedPrincipal): Promise<Record<string, unknown>> {
    const collected: Record<string, unknown> = {};
    for (const [name, section] of this.sections) collected[name] = await section.collect(principal);
    return collected;
  }
}
