import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Issuer, OAuth2Service } from 'oauth2-mock-server';

/** How the next answer of one endpoint goes wrong. */
export type ProviderFault = 'status500' | 'html' | 'hang';

export interface GitHubPerson {
  user: Record<string, unknown>;
  emails: Array<{ email: string; primary: boolean; verified: boolean; visibility?: string | null }>;
}

/**
 * oauth2-mock-server on 127.0.0.1, shaped like Google and GitHub. Its /authorize answers at once
 * (the "user" consents), /token checks PKCE, and /userinfo answers with the person the test set:
 * `?shape=google` (OpenID userinfo), `?shape=github-user` (GitHub's /user) or `?shape=github-emails`
 * (GitHub's /user/emails). Faults make an endpoint answer 500, HTML, or nothing.
 */
export class LocalOAuthServer {
  googlePerson: Record<string, unknown> = { sub: 'google-0' };
  githubPerson: GitHubPerson = { user: { id: 0, login: 'nobody' }, emails: [] };
  private faults = new Map<string, ProviderFault>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    readonly service: OAuth2Service,
    private readonly server: Server,
    readonly url: string,
  ) {
    service.on('beforeUserinfo', (response: { body: unknown }, req: IncomingMessage) => {
      const shape = new URL(req.url ?? '/', 'http://localhost').searchParams.get('shape');
      if (shape === 'google') response.body = this.googlePerson;
      else if (shape === 'github-user') response.body = this.githubPerson.user;
      else if (shape === 'github-emails') response.body = this.githubPerson.emails;
    });
  }

  static async start(): Promise<LocalOAuthServer> {
    const issuer = new OAuth2Issuer();
    await issuer.keys.generate('RS256');
    const service = new OAuth2Service(issuer);
    const holder: { instance?: LocalOAuthServer } = {};
    const server = createServer((req, res) => holder.instance!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    issuer.url = url;
    holder.instance = new LocalOAuthServer(service, server, url);
    return holder.instance;
  }

  /** The sample app's provider variables (API.md) pointing at this server. */
  env(): Record<string, string> {
    return {
      GOOGLE_CLIENT_ID: 'google-client',
      GOOGLE_CLIENT_SECRET: 'google-secret',
      GOOGLE_AUTHORIZATION_URL: `${this.url}/authorize`,
      GOOGLE_TOKEN_URL: `${this.url}/token`,
      GOOGLE_USERINFO_URL: `${this.url}/userinfo?shape=google`,
      GITHUB_CLIENT_ID: 'github-client',
      GITHUB_CLIENT_SECRET: 'github-secret',
      GITHUB_AUTHORIZATION_URL: `${this.url}/authorize`,
      GITHUB_TOKEN_URL: `${this.url}/token`,
      GITHUB_USER_URL: `${this.url}/userinfo?shape=github-user`,
      GITHUB_EMAILS_URL: `${this.url}/userinfo?shape=github-emails`,
    };
  }

  /** The next request to this path (e.g. `/token`) fails this way. */
  failNext(path: string, fault: ProviderFault): void {
    this.faults.set(path, fault);
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const fault = this.faults.get(path);
    if (fault) {
      this.faults.delete(path);
      if (fault === 'hang') {
        this.hanging.add(res);
        return;
      }
      res.statusCode = fault === 'status500' ? 500 : 200;
      res.setHeader('Content-Type', fault === 'html' ? 'text/html' : 'application/json');
      res.end(fault === 'html' ? '<html><body>Sign-in is down</body></html>' : '{"error":"boom"}');
      return;
    }
    (this.service.requestHandler as (req: IncomingMessage, res: ServerResponse) => void)(req, res);
  }
}
