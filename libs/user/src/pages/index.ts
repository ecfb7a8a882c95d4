// `@userkit/user/pages`: the prebuilt pages, served from the package itself.
export { UserPagesModule } from './user-pages.module.js';
export type { UiOptions } from './ui-options.js';
