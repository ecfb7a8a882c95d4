import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { UserOrganizationsModuleOptions } from './options/organizations-options.js';

export const {
  ConfigurableModuleClass: UserOrganizationsConfigurableModule,
  MODULE_OPTIONS_TOKEN: ORGANIZATIONS_MODULE_OPTIONS,
  OPTIONS_TYPE: ORGANIZATIONS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: ORGANIZATIONS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<UserOrganizationsModuleOptions>()
  .setClassMethodName('forRoot')
  // Global: the guards of `@OrgRoles()` on the host's own controllers resolve their dependencies
  // from the host's modules.
  .setExtras({}, (definition) => ({ ...definition, global: true }))
  .build();
