// The loopback port finder the scripts use, re-exported for the suites that import it from here.
export { freePort } from '../../scripts/free-port.js';

export interface BrowserResponse {
  status: number;
  url: string;
  location: string | null;
  body: string;
}

/**
 * A cookie-keeping HTTP client that follows redirects by hand, like a browser would, across the
 * app and the OAuth server, and stops at the first URL on an origin it should not load (the
 * front-end the flow returns to), handing that URL back.
 */
export class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** One request, no redirect followed; cookies stored. */
  async get(url: string, headers: Record<string, string> = {}): Promise<BrowserResponse> {
    const target = new URL(url);
    const cookies = this.jar.get(target.host);
    const cookieHeader = cookies
      ? [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')
      : '';
    const response = await fetch(target, {
      redirect: 'manual',
      headers: { ...(cookieHeader ? { cookie: cookieHeader } : {}), ...headers },
    });
    for (const line of response.headers.getSetCookie()) this.store(target.host, line);
    return {
      status: response.status,
      url: target.href,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  }

  /**
   * Follows redirects until one leads to `stopOrigin` (returned as `stoppedAt`, not loaded) or a
   * response is not a redirect. `hops` lists every URL loaded.
   */
  async navigate(
    url: string,
    stopOrigin: string,
  ): Promise<{ last: BrowserResponse; stoppedAt: URL | null; hops: string[] }> {
    const hops: string[] = [];
    let next = url;
    for (let hop = 0; hop < 10; hop += 1) {
      hops.push(next);
      const response = await this.get(next);
      if (response.status < 300 || response.status >= 400 || !response.location)
        return { last: response, stoppedAt: null, hops };
      const target = new URL(response.location, next);
      if (target.origin === stopOrigin) return { last: response, stoppedAt: target, hops };
      next = target.href;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** The Cookie header this browser sends to `url` (what a page's fetch to its API carries). */
  cookieHeader(url: string): string {
    const cookies = this.jar.get(new URL(url).host);
    return cookies ? [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  /** Keeps the cookies of a response this browser's page got from `url` (e.g. through fetch). */
  receive(url: string, setCookie: string | string[] | undefined): void {
    const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
    for (const line of lines) this.store(new URL(url).host, line);
  }

  hasCookie(host: string, name: string): boolean {
    return this.jar.get(host)?.has(name) ?? false;
  }

  private store(host: string, line: string): void {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute)) || value === '';
    if (expired) cookies.delete(name);
    else cookies.set(name, value);
    this.jar.set(host, cookies);
  }
}
