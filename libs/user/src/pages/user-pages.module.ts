import { Module, type DynamicModule } from '@nestjs/common';
import { UI_OPTIONS } from '../core/cookie-session/ui-tokens.js';
import { uiModuleParts } from './ui-module-parts.js';
import type { UiOptions } from './ui-options.js';

/**
 * The prebuilt pages (sign-in, sign-up, profile, admin console) at `path` (default `/account`),
 * with their cookie session. Global, so the core's links (reset form, OAuth return) and its
 * refresh-cookie mode find where the pages live. Needs UserModule's routes: the pages call them.
 */
@Module({})
export class UserPagesModule {
  /** The path is structural (Express routes are fixed at start-up): no async variant. */
  static forRoot(options: UiOptions = {}): DynamicModule {
    const parts = uiModuleParts(options);
    return {
      module: UserPagesModule,
      global: true,
      controllers: parts.controllers,
      providers: parts.providers,
      exports: [UI_OPTIONS],
    };
  }
}
