// `@userkit/user/token-templates`: integration tokens from templates (generic, hasura, firebase),
// and their JWKS.
export { UserTokenTemplatesModule } from './user-token-templates.module.js';
export { TOKEN_TEMPLATES_OPTIONS } from './tokens.js';
export {
  resolveTokenTemplatesOptions,
  UserTokenTemplatesOptionsError,
  type UserTokenTemplatesOptions,
  type ResolvedTokenTemplatesOptions,
  type ResolvedTokenTemplate,
} from './options/user-token-templates-options.js';
export type { SigningKey } from './options/resolve-signing-key.js';
export type {
  CallerClaimRule,
  FirebaseServiceAccount,
  FirebaseTokenTemplate,
  GenericTokenTemplate,
  HasuraTokenTemplate,
  TokenClaimsMapping,
  TokenTemplate,
  TokenTemplateUser,
} from './options/token-template-options.js';
export { HASURA_CLAIMS_NAMESPACE } from './presets/hasura.js';
export { FIREBASE_AUDIENCE, FIREBASE_MAX_LIFETIME_SECONDS } from './presets/firebase.js';
export {
  TokenTemplatesService,
  type IntegrationToken,
  type IssueTokenOptions,
} from './services/token-templates.service.js';
export { IntegrationTokenResponse } from './dto/integration-token.response.js';
