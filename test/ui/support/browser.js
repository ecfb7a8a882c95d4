// Chromium (Debian's /usr/bin/chromium, installed by .ci/run) driven by playwright-core, and
// screenshots of each page at desktop and phone (375 px) width under test-results/ui/.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const SCREENSHOT_DIR = 'test-results/ui';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A fresh context (its own cookies) and page; page errors fail loudly in the test output. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  return { context, page };
}

/** Saves `<name>.desktop.png` and `<name>.phone.png` (375 px wide), full page. */
export async function screenshots(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const viewport = page.viewportSize();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 740 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.phone.png`, fullPage: true });
  if (viewport) await page.setViewportSize(viewport);
}

/** True when the page is wider than its viewport (content that does not fit a phone). */
export function overflowsHorizontally(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}
