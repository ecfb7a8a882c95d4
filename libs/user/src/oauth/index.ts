// `@userkit/user/oauth`.
export { OAUTH_MIGRATIONS } from './migrations/index.js';
