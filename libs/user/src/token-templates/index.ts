// `@userkit/user/token-templates`: integration tokens from templates, and their JWKS.
export { UserTokenTemplatesModule } from './user-token-templates.module.js';
export { TOKEN_TEMPLATES_OPTIONS } from './tokens.js';
export {
  resolveTokenTemplatesOptions,
  UserTokenTemplatesOptionsError,
  type UserTokenTemplatesOptions,
  type ResolvedTokenTemplatesOptions,
} from './options/user-token-templates-options.js';
export type { SigningKey } from './options/resolve-signing-key.js';
export type { TokenTemplate, TokenTemplateUser } from './options/token-template-options.js';
export {
  TokenTemplatesService,
  type IntegrationToken,
} from './services/token-templates.service.js';
export { IntegrationTokenResponse } from './dto/integration-token.response.js';
