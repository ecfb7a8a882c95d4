import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  SelfViewExtension,
  type SelfViewExtensions,
} from '../extension-points/self-view-extension.js';
import type { AuthenticatedPrincipal } from './sessions.service.js';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * Runs the host's SelfViewExtension, found in any module of the app when it starts (the host's
 * own providers are out of UserModule's scope, so not injected). Without one, the self view
 * costs nothing more.
 */
@Injectable()
export class SelfViewExtensionService implements OnModuleInit {
  private readonly logger = new Logger('UserKit');
  private extension: SelfViewExtension | null = null;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    try {
      this.extension = this.moduleRef.get<SelfViewExtension>(SelfViewExtension, {
        strict: false,
      });
    } catch {
      this.extension = null;
    }
  }

  /**
   * The host's data for the view, `null` when its extension failed (logged), `undefined` (at once,
   * no promise) when the host has none.
   */
  extensionsFor(principal: AuthenticatedPrincipal): Promise<SelfViewExtensions | null> | undefined {
    const extension = this.extension;
    return extension ? this.run(extension, principal) : undefined;
  }

  private async run(
    extension: SelfViewExtension,
    principal: AuthenticatedPrincipal,
  ): Promise<SelfViewExtensions | null> {
    // The host's extension may read `principal.fields`: readable once loaded (stateless sessions).
    await principal.load();
    try {
      const extensions = await extension.extend(principal);
      if (extensions !== null && typeof extensions === 'object' && !Array.isArray(extensions))
        return extensions;
      this.logger.error(
        `SelfViewExtension.extend returned ${kindOf(extensions)} for user ${principal.id}, not an object: GET /me answers extensions: null`,
      );
    } catch (error) {
      this.logger.error(
        `SelfViewExtension.extend failed for user ${principal.id}: GET /me answers extensions: null`,
        error instanceof Error ? error.stack : String(error),
      );
    }
    return null;
  }
}
