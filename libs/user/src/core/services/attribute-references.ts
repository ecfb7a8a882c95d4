import { Injectable } from '@nestjs/common';

/**
 * Something the host configured that reads a custom attribute by its name (a token template's
 * claim path `customAttributes.plan`): a rename would silently break it, so it refuses instead.
 */
export interface AttributeReferenceSource {
  /** One phrase per reference to the custom attribute `name`, e.g. `token template 'crm' (claim plan)`. */
  referencesTo(name: string): string[];
}

/**
 * The core asks the feature modules through this registry, never by import: a feature registers
 * its source when it starts (`onModuleInit`), and a host without the feature has none.
 */
@Injectable()
export class AttributeReferences {
  private readonly sources: AttributeReferenceSource[] = [];

  register(source: AttributeReferenceSource): void {
    this.sources.push(source);
  }

  referencesTo(name: string): string[] {
    return this.sources.flatMap((source) => source.referencesTo(name));
  }
}
