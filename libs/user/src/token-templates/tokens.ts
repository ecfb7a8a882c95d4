/** Injects this module's resolved options (ResolvedTokenTemplatesOptions). */
export const TOKEN_TEMPLATES_OPTIONS = Symbol('TOKEN_TEMPLATES_OPTIONS');
