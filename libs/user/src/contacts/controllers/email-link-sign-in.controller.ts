import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Req,
  Res,
  UsePipes,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiFoundResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiUserKitError } from '../../core/decorators/api-user-kit-errors.decorator.js';
import { Public } from '../../core/decorators/public.decorator.js';
import { RateLimit } from '../../core/decorators/rate-limit.decorator.js';
import { UserKitApi } from '../../core/decorators/user-kit-api.decorator.js';
import { createUserKitValidationPipe } from '../../core/validation/user-kit-validation.pipe.js';
import { EmailLinkRequestDto } from '../dto/email-link.dto.js';
import { EmailLinkSignInService } from '../services/email-link-sign-in.service.js';

const DISABLED =
  'Sign-in by email link is off in this app (EMAIL_LINK_SIGN_IN_DISABLED): UserContactsModule without `emailLinkSignIn: true`';

/** The parts of Express's response the redirect uses. */
interface RedirectingResponse {
  setHeader(name: string, value: string | string[]): void;
  redirect(status: number, url: string): void;
  status(code: number): { end(): void };
}

@ApiTags('auth')
@Public()
@UsePipes(createUserKitValidationPipe())
@Controller('auth/email-link')
@UserKitApi()
export class EmailLinkSignInController {
  constructor(private readonly emailLinks: EmailLinkSignInService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @RateLimit('sendMessage')
  @ApiUserKitError(429, {
    description:
      'Over the "sendMessage" rate limit of this address (RATE_LIMITED), or over 5 messages an hour to this email address, whoever it belongs to (TOO_MANY_MESSAGES, codes and links counted together); nothing sent',
  })
  @ApiAcceptedResponse({
    schema: {
      type: 'object',
      properties: { message: { type: 'string' } },
      required: ['message'],
    },
    description:
      'Always the same answer: when the address is a verified address of an account (or, with `passwordless.signUp`, an address no account holds), a sign-in link (15 minutes, single use) is mailed to it',
  })
  @ApiUserKitError(400, {
    description:
      'Not an email address, a redirectUrl off the allow-list (REDIRECT_NOT_ALLOWED), a malformed codeChallenge, or an unknown field',
  })
  @ApiUserKitError(404, { description: DISABLED })
  async request(@Body() body: EmailLinkRequestDto): Promise<{ message: string }> {
    await this.emailLinks.requestLink(body.email, body.redirectUrl, body.codeChallenge ?? null);
    return { message: 'If this address can sign in, a sign-in link is on its way' };
  }

  @Get('verify')
  @RateLimit('codeSubmit')
  @ApiQuery({ name: 'token', required: true, description: 'The token of the mailed link' })
  @ApiFoundResponse({
    description:
      'To the redirectUrl with `code=` (for POST /auth/oauth/exchange, 60 s, with the httpOnly binding cookie set here, or the verifier of the codeChallenge), or with `error=`: `link_used`, `link_expired`, `sign_in_refused` (the account is banned, gone or no longer holds the address) or `sign_up_refused` (the new account was refused). A HEAD request answers 204 and spends nothing',
  })
  @ApiUserKitError(400, {
    description: 'EMAIL_LINK_INVALID: no link has this token (there is no redirect to return to)',
  })
  @ApiUserKitError(404, { description: DISABLED })
  async verify(
    @Query('token') token: unknown,
    @Req() request: { method: string },
    @Res() response: RedirectingResponse,
  ): Promise<void> {
    // Express answers HEAD with the GET route: a mail scanner's or link preview's HEAD must not
    // spend the link the user is about to open.
    if (request.method === 'HEAD') {
      response.setHeader('Cache-Control', 'no-store');
      return response.status(HttpStatus.NO_CONTENT).end();
    }
    const followed = await this.emailLinks.follow(token);
    if (followed.bindingCookie) response.setHeader('Set-Cookie', followed.bindingCookie);
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(HttpStatus.FOUND, followed.location);
  }
}
