import { Controller, type Provider, type Type } from '@nestjs/common';
import { resolveUiOptions, type UiOptions } from './ui-options.js';
import { UiPagesController } from './ui-pages.controller.js';
import { UiSessionController } from './ui-session.controller.js';
import { UI_OPTIONS } from '../core/cookie-session/ui-tokens.js';

/**
 * The controllers and providers of `ui` (none without it). The path is structural — Express
 * routes are fixed at start-up — so each app gets subclasses mounted at its own `ui.path`.
 */
export function uiModuleParts(ui: UiOptions | boolean | undefined): {
  controllers: Type[];
  providers: Provider[];
} {
  const resolved = resolveUiOptions(ui);
  if (!resolved) return { controllers: [], providers: [] };
  class SessionRoutes extends UiSessionController {}
  class PageRoutes extends UiPagesController {}
  Controller(resolved.path)(SessionRoutes);
  Controller(resolved.path)(PageRoutes);
  return {
    // Session routes first: the pages' catch-all GET must not see them (they are POST anyway).
    controllers: [SessionRoutes, PageRoutes],
    providers: [{ provide: UI_OPTIONS, useValue: resolved }],
  };
}
