import { Module, type DynamicModule } from '@nestjs/common';
import { JwksController } from './controllers/jwks.controller.js';
import { MeTokensController } from './controllers/me-tokens.controller.js';
import {
  resolveTokenTemplatesOptions,
  type UserTokenTemplatesOptions,
} from './options/user-token-templates-options.js';
import { TokenTemplatesService } from './services/token-templates.service.js';
import { TemplateAttributeReferences } from './services/template-attribute-references.js';
import { TOKEN_TEMPLATES_OPTIONS } from './tokens.js';

/**
 * Integration tokens from templates (`GET /me/tokens/:template`) and the public keys that verify
 * them (`GET /.well-known/jwks.json`). Global, so the host's own modules can inject
 * TokenTemplatesService; it uses the core's services (UserModule is global).
 */
@Module({})
export class UserTokenTemplatesModule {
  /** Checks the templates and the key here: a misconfigured host fails at once. */
  static forRoot(options: UserTokenTemplatesOptions = {}): DynamicModule {
    return {
      module: UserTokenTemplatesModule,
      global: true,
      controllers: [MeTokensController, JwksController],
      providers: [
        { provide: TOKEN_TEMPLATES_OPTIONS, useValue: resolveTokenTemplatesOptions(options) },
        TokenTemplatesService,
        TemplateAttributeReferences,
      ],
      exports: [TOKEN_TEMPLATES_OPTIONS, TokenTemplatesService],
    };
  }
}
