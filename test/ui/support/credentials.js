// Filling the sign-up and sign-in forms with an email and a password, for tests whose subject is
// what comes after (the callers wait for the page they expect next).

/** Opens `${ui}/sign-up` and creates the account. */
export async function signUpWithPassword(page, ui, email, password) {
  await submitCredentials(page, `${ui}/sign-up`, email, password, 'Create account');
}

/** Opens `${ui}/sign-in` and signs in. */
export async function signInWithPassword(page, ui, email, password) {
  await submitCredentials(page, `${ui}/sign-in`, email, password, 'Sign in');
}

async function submitCredentials(page, url, email, password, button) {
  await page.goto(url);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: button, exact: true }).click();
}
