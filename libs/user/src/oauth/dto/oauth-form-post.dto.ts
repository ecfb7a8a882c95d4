import { ApiPropertyOptional } from '@nestjs/swagger';

/**
 * What a form-post provider (Apple, `response_mode=form_post`) posts to the callback. Read
 * loosely (anything else is ignored): the provider's post is untrusted and only forwarded.
 */
export class OAuthFormPostDto {
  @ApiPropertyOptional({ maxLength: 2048 }) code?: string;
  @ApiPropertyOptional({ maxLength: 2048 }) state?: string;
  @ApiPropertyOptional({ maxLength: 2048 }) error?: string;
  @ApiPropertyOptional({
    maxLength: 2048,
    description: "Apple's `user` (JSON: name and email), sent only on the first authorization",
  })
  user?: string;
}
