/** What a code handed out through the exchange signs in with (the method its session records). */
export type ExchangedSignIn = 'email_link';

/** A one-time code for `POST /auth/oauth/exchange`, and the cookie that binds it to this browser. */
export interface IssuedExchangeCode {
  code: string;
  /** A `Set-Cookie` value: only this browser (or the holder of the verifier) redeems the code. */
  bindingCookie: string;
}

/**
 * The one-time code exchange of UserOAuthModule (`POST /auth/oauth/exchange`), offered to other
 * features that end in a redirect (UserContactsModule's sign-in links), so tokens never travel in
 * a URL and every redirect is checked against one allow-list. Absent without UserOAuthModule.
 */
export interface SignInExchange {
  /** The normalized URL when it is on the redirect allow-list, else null. */
  allowedRedirect(candidate: unknown): string | null;
  /**
   * A code (60 s, single use) that signs `userId` in with `method` (or answers the second factor's
   * challenge), redeemable with the binding cookie, or with the verifier of `codeChallenge`.
   */
  issue(
    userId: string,
    method: ExchangedSignIn,
    codeChallenge: string | null,
  ): Promise<IssuedExchangeCode>;
}

export const SignInExchange = Symbol('UserKit.SignInExchange');
