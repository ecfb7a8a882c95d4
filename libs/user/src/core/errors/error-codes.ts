import { HttpStatus } from '@nestjs/common';

/** The catalogue of errors the library answers with: a stable code, its status and message. */
export const UserErrors = {
  VALIDATION_FAILED: { status: HttpStatus.BAD_REQUEST, message: 'The request is not valid' },
  MALFORMED_JSON: { status: HttpStatus.BAD_REQUEST, message: 'The body is not valid JSON' },
  PAYLOAD_TOO_LARGE: {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    message: 'Request body is larger than the limit',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    message: 'Send the body as application/json (or the content type this route documents)',
  },
  EMAIL_TAKEN: { status: HttpStatus.CONFLICT, message: 'This email address is already taken' },
  USERNAME_TAKEN: { status: HttpStatus.CONFLICT, message: 'This username is already taken' },
  EXTERNAL_ID_TAKEN: {
    status: HttpStatus.CONFLICT,
    message: 'A user with this externalId was already imported',
  },
  IMPORT_LINE_FAILED: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    message: 'This import line could not be written (the server log says why)',
  },
  IMPORT_LINE_INVALID: {
    status: HttpStatus.BAD_REQUEST,
    message: 'This import line is not a valid user (see the message)',
  },
  IDENTIFIER_NOT_ACCEPTED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'This app does not take this identifier (see the identifiers option)',
  },
  EMAIL_NOT_VERIFIED: {
    status: HttpStatus.FORBIDDEN,
    message:
      'Verify your email address first (POST /me/emails/:id/verify with the code sent to it)',
  },
  INVALID_PHONE_CODE: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'Invalid phone number or code',
  },
  PHONE_SIGN_IN_DISABLED: {
    status: HttpStatus.NOT_FOUND,
    message: 'Sign-in by phone is not enabled in this app',
  },
  INVALID_EMAIL_CODE: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'Invalid email or code',
  },
  EMAIL_SIGN_IN_DISABLED: {
    status: HttpStatus.NOT_FOUND,
    message: 'Sign-in by email code is not enabled in this app',
  },
  EMAIL_LINK_SIGN_IN_DISABLED: {
    status: HttpStatus.NOT_FOUND,
    message: 'Sign-in by email link is not enabled in this app',
  },
  EMAIL_LINK_INVALID: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Unknown sign-in link (no flow to return to)',
  },
  INVALID_CREDENTIALS: { status: HttpStatus.UNAUTHORIZED, message: 'Invalid email or password' },
  INVALID_REFRESH_TOKEN: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'Invalid or expired refresh token',
  },
  REFRESH_TOKEN_REUSED: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'Refresh token was already used; the session has been revoked',
  },
  NOT_SIGNED_IN: { status: HttpStatus.UNAUTHORIZED, message: 'Not signed in' },
  CROSS_SITE_REQUEST: {
    status: HttpStatus.FORBIDDEN,
    message: 'This request must come from the pages of this app',
  },
  SESSION_REVOKED: { status: HttpStatus.UNAUTHORIZED, message: 'Session expired or revoked' },
  FORBIDDEN_ROLE: { status: HttpStatus.FORBIDDEN, message: 'You do not have the role this needs' },
  WEAK_PASSWORD: { status: HttpStatus.BAD_REQUEST, message: 'Password is too weak' },
  ANONYMOUS_SIGNUP_DISABLED: {
    status: HttpStatus.FORBIDDEN,
    message: 'Anonymous sign-up is disabled',
  },
  NOT_ANONYMOUS: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Only an anonymous user can be upgraded',
  },
  USER_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'User not found' },
  ROLE_NOT_FOUND: { status: HttpStatus.BAD_REQUEST, message: 'Unknown role' },
  ROLE_TAKEN: { status: HttpStatus.CONFLICT, message: 'A role with this name already exists' },
  ROLE_DOES_NOT_EXIST: { status: HttpStatus.NOT_FOUND, message: 'Role not found' },
  ROLE_DECLARED: {
    status: HttpStatus.CONFLICT,
    message:
      'Built-in roles and roles declared in the module options cannot be deleted (they are re-created at every start)',
  },
  ROLE_IN_USE: {
    status: HttpStatus.CONFLICT,
    message: 'Users hold this role: remove it from them first',
  },
  LAST_ADMIN: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The last admin cannot lose the admin role',
  },
  SELF_DELETION_DISABLED: {
    status: HttpStatus.FORBIDDEN,
    message: 'This app does not let users delete their own account: ask an admin',
  },
  ANONYMOUS_ADMIN: {
    status: HttpStatus.BAD_REQUEST,
    message: 'An anonymous user cannot hold the admin role',
  },
  INVALID_CURSOR: { status: HttpStatus.BAD_REQUEST, message: 'cursor is not valid' },
  SERVER_BUSY: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: 'Too many sign-ins are being processed; try again shortly',
  },
  RATE_LIMITED: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    message: 'Too many requests; try again later',
  },
  SIGN_IN_BACKOFF: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    message: 'Too many failed sign-ins for this account; try again later',
  },
  PASSWORD_SIGN_IN_DISABLED: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    message:
      'Password sign-in is disabled for this account after too many failures; reset the password',
  },
  UPLOADS_BUSY: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: 'Too many uploads are in progress; try again shortly',
  },
  LEGACY_STORE_UNAVAILABLE: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: 'The previous user store of this app is unavailable; try again shortly',
  },
  STORE_UNAVAILABLE: {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    message: 'The user store is unavailable; try again shortly',
  },
  INVALID_PHONE_NUMBER: {
    status: HttpStatus.BAD_REQUEST,
    message: 'phoneNumber must be a valid phone number in international (E.164) form',
  },
  ANONYMOUS_EMAIL: {
    status: HttpStatus.BAD_REQUEST,
    message: 'An anonymous user gives an email address with POST /me/upgrade',
  },
  PHONE_TAKEN: { status: HttpStatus.CONFLICT, message: 'This phone number is already taken' },
  PHONE_NUMBER_LIMIT: {
    status: HttpStatus.BAD_REQUEST,
    message: 'This account holds the most phone numbers allowed (5): remove one first',
  },
  TOO_MANY_MESSAGES: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    message: 'Too many verification messages for this account or recipient; try again later',
  },
  EMAIL_ADDRESS_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Email address not found' },
  PHONE_NUMBER_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Phone number not found' },
  SESSION_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Session not found' },
  ALREADY_VERIFIED: { status: HttpStatus.BAD_REQUEST, message: 'This is already verified' },
  INVALID_VERIFICATION_CODE: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The code is wrong, expired or already used',
  },
  VERIFICATION_CODE_EXHAUSTED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Too many wrong codes, or the code expired; ask for a new one',
  },
  PRIMARY_MUST_BE_VERIFIED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Only a verified address can become primary',
  },
  PRIMARY_NOT_REMOVABLE: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Make another address primary before removing this one',
  },
  LAST_SIGN_IN_METHOD: {
    status: HttpStatus.BAD_REQUEST,
    message: 'This is the last way to sign in to the account; add another one first',
  },
  INVALID_RESET_TOKEN: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The password reset link is invalid, expired or already used',
  },
  INVALID_CURRENT_PASSWORD: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The current password is wrong',
  },
  REAUTHENTICATION_REQUIRED: {
    status: HttpStatus.FORBIDDEN,
    message: 'This change needs a recent sign-in: sign in again, then retry',
  },
  TWO_FACTOR_ALREADY_ENABLED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Two-factor sign-in is already on; turn it off first',
  },
  TWO_FACTOR_ENROLLMENT_CONFLICT: {
    status: HttpStatus.CONFLICT,
    message: 'Another authenticator set-up was started at the same time; start again',
  },
  TWO_FACTOR_NOT_ENROLLED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'No authenticator is being set up; start with POST /me/2fa/totp',
  },
  TWO_FACTOR_NOT_ENABLED: { status: HttpStatus.BAD_REQUEST, message: 'Two-factor sign-in is off' },
  INVALID_TWO_FACTOR_CODE: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The authenticator or backup code is wrong or already used',
  },
  SECOND_FACTOR_UNAVAILABLE: {
    status: HttpStatus.FORBIDDEN,
    message: 'This account has two-factor authentication on, and this app does not offer it',
  },
  INVALID_TWO_FACTOR_CHALLENGE: {
    status: HttpStatus.UNAUTHORIZED,
    message:
      'Invalid or expired two-factor challenge, or a wrong code; sign in again if it persists',
  },
  TWO_FACTOR_REQUIRED: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'Two-factor sign-in is on for this account: complete it with POST /auth/login/2fa',
  },
  OAUTH_PROVIDER_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: 'Unknown or disabled OAuth provider',
  },
  REDIRECT_NOT_ALLOWED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'redirect_url is not on the allow-list',
  },
  OAUTH_NO_REDIRECT: {
    status: HttpStatus.BAD_REQUEST,
    message: 'No OAuth sign-in was started in this browser (state missing or unknown)',
  },
  OAUTH_CODE_INVALID: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'Unknown, used or expired sign-in code',
  },
  OAUTH_LINK_INTENT_INVALID: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The link request is unknown, used, expired or for another provider',
  },
  OAUTH_LINK_INTENT_FOREIGN_BROWSER: {
    status: HttpStatus.FORBIDDEN,
    message: 'This link was requested in another browser: start linking again from this one',
  },
  EXTERNAL_ACCOUNT_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: 'External account not found',
  },
  ATTRIBUTE_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Unknown attribute' },
  ATTRIBUTE_TAKEN: {
    status: HttpStatus.CONFLICT,
    message: 'An attribute with this name already exists',
  },
  ATTRIBUTE_DECLARED: {
    status: HttpStatus.CONFLICT,
    message:
      "This attribute is a field declared in the host's code (UserModule fields): change it there",
  },
  ATTRIBUTE_INVALID: { status: HttpStatus.BAD_REQUEST, message: 'Invalid attribute value' },
  ATTRIBUTE_REFERENCED: {
    status: HttpStatus.CONFLICT,
    message: "The host's configuration reads this attribute by name: change it there first",
  },
  ATTRIBUTE_VALUES_MISSING: {
    status: HttpStatus.CONFLICT,
    message: 'Users lack a value for this attribute: give the value they get (fillMissingWith)',
  },
  ATTRIBUTE_FORBIDDEN: {
    status: HttpStatus.FORBIDDEN,
    message: 'You may not write this attribute',
  },
  TOKEN_TEMPLATE_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Unknown token template' },
  TOKEN_CLAIMS_INVALID: {
    status: HttpStatus.BAD_REQUEST,
    message: 'These claims are not allowed by the token template',
  },
  TOKEN_TEMPLATE_NOT_APPLICABLE: {
    status: HttpStatus.FORBIDDEN,
    message: 'This token template cannot be issued for this user',
  },
  CANNOT_BAN_SELF: { status: HttpStatus.BAD_REQUEST, message: 'You cannot ban yourself' },
  CANNOT_IMPERSONATE_ADMIN: {
    status: HttpStatus.FORBIDDEN,
    message: 'An admin cannot be impersonated',
  },
  USER_BANNED: {
    status: HttpStatus.CONFLICT,
    message: 'The user is banned: unban them first',
  },
  IMPERSONATION_REFUSED: {
    status: HttpStatus.FORBIDDEN,
    message: 'Not while impersonating: only the user themselves may do this',
  },
  NO_EMAIL_ADDRESS: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The user has no email address to send the message to',
  },
  METADATA_INVALID: { status: HttpStatus.BAD_REQUEST, message: 'Invalid metadata' },
  PROFILE_IMAGE_MISSING: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Send the image as the multipart field "file"',
  },
  PROFILE_IMAGE_UNSUPPORTED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The file must be a PNG, JPEG, GIF or WebP image',
  },
  PROFILE_IMAGE_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Image not found' },
  PASSKEY_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Passkey not found' },
  PASSKEY_CHALLENGE_INVALID: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Unknown, expired or already used passkey challenge: ask for new options',
  },
  PASSKEY_RESPONSE_INVALID: {
    status: HttpStatus.BAD_REQUEST,
    message:
      'The authenticator response did not verify (origin, RP ID, challenge, user verification or attestation)',
  },
  PASSKEY_ALREADY_REGISTERED: {
    status: HttpStatus.CONFLICT,
    message: 'This passkey is already registered',
  },
  PASSKEY_SIGN_IN_FAILED: {
    status: HttpStatus.UNAUTHORIZED,
    message: 'The passkey was not accepted; ask for new options and try again',
  },
  WEBHOOK_ENDPOINT_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: 'Webhook endpoint not found',
  },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Delivery not found' },
  WEBHOOK_URL_REFUSED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'This URL cannot receive webhooks',
  },
  WEBHOOK_ENDPOINT_FROM_OPTIONS: {
    status: HttpStatus.CONFLICT,
    message: 'This endpoint is set in the module options: change it there',
  },
  WEBHOOK_DELIVERY_IN_FLIGHT: {
    status: HttpStatus.CONFLICT,
    message: 'A worker is sending this delivery right now: try again in a few seconds',
  },
  ORGANIZATION_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: 'Organization not found (or you are not a member of it)',
  },
  ORGANIZATION_SLUG_TAKEN: {
    status: HttpStatus.CONFLICT,
    message: 'Another organization has this slug',
  },
  ORGANIZATION_PERMISSION_DENIED: {
    status: HttpStatus.FORBIDDEN,
    message: 'Your role in this organization does not allow this',
  },
  ORGANIZATION_ROLE_NOT_FOUND: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Unknown organization role',
  },
  ORGANIZATION_MEMBER_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: 'This user is not a member of the organization',
  },
  ORGANIZATION_ALREADY_MEMBER: {
    status: HttpStatus.CONFLICT,
    message: 'This user is already a member of the organization',
  },
  ORGANIZATION_INVITATION_NOT_FOUND: {
    status: HttpStatus.NOT_FOUND,
    message: 'Invitation not found, expired, already answered, or not for your verified address',
  },
  ORGANIZATION_INVITATION_PENDING: {
    status: HttpStatus.CONFLICT,
    message: 'An invitation to this address is pending: revoke it first to send another',
  },
  ORGANIZATION_LIMIT_REACHED: {
    status: HttpStatus.CONFLICT,
    message: 'This user belongs to as many organizations as this app allows',
  },
  ORGANIZATION_MEMBER_LIMIT_REACHED: {
    status: HttpStatus.CONFLICT,
    message: 'This organization has as many members as this app allows',
  },
  ORGANIZATION_LOGO_MISSING: {
    status: HttpStatus.BAD_REQUEST,
    message: 'Send the logo as the multipart field "file"',
  },
  ORGANIZATION_LOGO_UNSUPPORTED: {
    status: HttpStatus.BAD_REQUEST,
    message: 'The logo must be a PNG, JPEG, GIF or WebP image',
  },
  ORGANIZATION_LOGO_NOT_FOUND: { status: HttpStatus.NOT_FOUND, message: 'Logo not found' },
  ORGANIZATION_LOGOS_DISABLED: {
    status: HttpStatus.NOT_FOUND,
    message: 'Organization logos are not enabled in this app (it has no file storage)',
  },
  ORGANIZATION_OWNER_REQUIRED: {
    status: HttpStatus.CONFLICT,
    message:
      'The user is the last owner of an organization with other members: make another member an owner (or delete the organization) first',
  },
  ORGANIZATION_LAST_OWNER: {
    status: HttpStatus.CONFLICT,
    message:
      'An organization keeps at least one owner: make another member owner first (or delete the organization)',
  },
} as const;

export type UserErrorCode = keyof typeof UserErrors;
