import type { Route } from '../router.js';
import { SignInPage } from './sign-in.js';

/** The account pages (sign-in, sign-up, password recovery, profile). */
export const accountRoutes: Route[] = [
  { path: '/sign-in', component: SignInPage, title: 'Sign in' },
];
