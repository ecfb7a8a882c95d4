import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  AttributeReferences,
  type AttributeReferenceSource,
} from '../../core/services/attribute-references.js';
import type { ResolvedTokenTemplatesOptions } from '../options/user-token-templates-options.js';
import { TOKEN_TEMPLATES_OPTIONS } from '../tokens.js';

/**
 * Tells the core which custom attributes the templates read by path (`customAttributes.plan`):
 * renaming one of them would silently drop the claim, so the rename is refused until the code
 * changes. A template built by a function cannot be read: its author keeps it in step.
 */
@Injectable()
export class TemplateAttributeReferences implements AttributeReferenceSource, OnModuleInit {
  constructor(
    @Inject(TOKEN_TEMPLATES_OPTIONS) private readonly options: ResolvedTokenTemplatesOptions,
    private readonly references: AttributeReferences,
  ) {}

  onModuleInit(): void {
    this.references.register(this);
  }

  referencesTo(name: string): string[] {
    const path = `customAttributes.${name}`;
    return Object.entries(this.options.templates).flatMap(([templateName, template]) => {
      const claims = template.claims;
      if (!claims || typeof claims === 'function') return [];
      return Object.entries(claims)
        .filter(([, source]) => source === path || source.startsWith(`${path}.`))
        .map(([claim]) => `token template '${templateName}' (claim ${claim})`);
    });
  }
}
