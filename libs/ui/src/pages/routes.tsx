import type { Route } from '../router.js';
import { ForgotPasswordPage } from './forgot-password.js';
import { ProfilePage } from './profile.js';
import { ResetPasswordPage } from './reset-password.js';
import { SignInPage } from './sign-in.js';
import { PhoneSignInPage } from './phone-sign-in.js';
import { EmailCodeSignInPage, EmailLinkSignInPage } from './email-sign-in.js';
import { SignUpPage } from './sign-up.js';

/** The account pages (sign-in, sign-up, password recovery, profile). */
export const accountRoutes: Route[] = [
  { path: '/', component: ProfilePage, requires: 'user', title: 'Your account' },
  { path: '/sign-in', component: SignInPage, title: 'Sign in' },
  { path: '/sign-in/phone', component: PhoneSignInPage, title: 'Sign in with a code by SMS' },
  {
    path: '/sign-in/email-code',
    component: EmailCodeSignInPage,
    title: 'Sign in with a code by email',
  },
  {
    path: '/sign-in/email-link',
    component: EmailLinkSignInPage,
    title: 'Sign in with a link by email',
  },
  { path: '/sign-up', component: SignUpPage, title: 'Create your account' },
  { path: '/forgot-password', component: ForgotPasswordPage, title: 'Reset your password' },
  { path: '/reset-password', component: ResetPasswordPage, title: 'Choose a new password' },
];
