// `@userkit/user/contacts`.
export { CONTACTS_MIGRATIONS } from './migrations/index.js';
