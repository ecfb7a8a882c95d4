// `@userkit/user/two-factor`.
export { TWO_FACTOR_MIGRATIONS } from './migrations/index.js';
