import { Module, type DynamicModule } from '@nestjs/common';
import { JwksController } from './controllers/jwks.controller.js';
import { MeTokensController } from './controllers/me-tokens.controller.js';
import {
  resolveTokenTemplatesOptions,
  type UserTokenTemplatesOptions,
} from './options/user-token-templates-options.js';
import { TokenTemplatesService } from './services/token-templates.service.js';
import {
  TOKEN_TEMPLATES_MODULE_OPTIONS,
  TOKEN_TEMPLATES_OPTIONS_TYPE,
  UserTokenTemplatesConfigurableModule,
} from './token-templates.module-definition.js';
import { TOKEN_TEMPLATES_OPTIONS } from './tokens.js';

/**
 * Integration tokens from templates (`GET /me/tokens/:template`) and the public keys that verify
 * them (`GET /.well-known/jwks.json`). Global, so the host's own modules can inject
 * TokenTemplatesService; it uses the core's services (UserModule is global).
 * `forRootAsync({ imports, inject, useFactory })` takes the keys from the host's configuration.
 */
@Module({
  controllers: [MeTokensController, JwksController],
  providers: [
    {
      provide: TOKEN_TEMPLATES_OPTIONS,
      useFactory: (options: UserTokenTemplatesOptions) => resolveTokenTemplatesOptions(options),
      inject: [TOKEN_TEMPLATES_MODULE_OPTIONS],
    },
    TokenTemplatesService,
  ],
  exports: [TOKEN_TEMPLATES_OPTIONS, TokenTemplatesService],
})
export class UserTokenTemplatesModule extends UserTokenTemplatesConfigurableModule {
  /** Checks the templates and the keys here: a misconfigured host fails at once. */
  static forRoot(options: typeof TOKEN_TEMPLATES_OPTIONS_TYPE = {}): DynamicModule {
    resolveTokenTemplatesOptions(options);
    return super.forRoot(options);
  }
}
