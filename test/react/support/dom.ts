import { JSDOM } from 'jsdom';

/**
 * A jsdom window as this test file's globals (React DOM and Testing Library read `document`,
 * `window`, …), at `url`. The platform's fetch, timers and BroadcastChannel stay Node's: the
 * client speaks real HTTP to the listening app. Import Testing Library after this, not before.
 */
export function installDom(url: string): JSDOM {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', {
    url,
    pretendToBeVisual: true,
  });
  const global = globalThis as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(dom.window)) {
    if (key in global || key.startsWith('_')) continue;
    global[key] = (dom.window as unknown as Record<string, unknown>)[key];
  }
  // Node has its own (warning) localStorage and navigator: the page's win here.
  for (const key of ['window', 'document', 'localStorage', 'navigator'] as const)
    Object.defineProperty(globalThis, key, {
      value: key === 'window' ? dom.window : dom.window[key],
      configurable: true,
      writable: true,
    });
  global.IS_REACT_ACT_ENVIRONMENT = true;
  return dom;
}
