/** What a failed link's `verification.error.message` says, by its `code` (the redirect's `error=`). */
export const LINK_FAILURE_MESSAGES: Readonly<Record<string, string>> = {
  access_denied: 'The sign-in at the provider was cancelled.',
  provider_error: 'The provider answered with an error.',
  provider_unavailable: 'The provider could not be reached in time.',
  oauth_failed: 'The provider refused the sign-in.',
  invalid_state: 'The link ended before it completed (signed out, or the password changed).',
  external_account_taken: 'This provider account is linked to another user.',
  account_exists_sign_in_to_link: 'An address of this provider account belongs to another user.',
  sign_in_refused: 'This account may not sign in.',
  sign_up_refused: 'The account could not be set up.',
};
