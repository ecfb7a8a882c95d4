/** Where UserAuthGuard leaves the principal; `request.user` too, as passport users expect. */
export const PRINCIPAL_REQUEST_KEY = 'user';
