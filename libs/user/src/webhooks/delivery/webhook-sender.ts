import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { DestinationRefusedError, guardedLookup, isPublicAddress } from './destination-guard.js';

/** One attempt's outcome, as the delivery log records it. */
export interface SendOutcome {
  ok: boolean;
  /** The response status; null when no response came (refused, timed out, network error). */
  statusCode: number | null;
  durationMs: number;
  /** Why it failed, short (no response body is kept). */
  error: string | null;
}

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** At most this much of a response is read (and thrown away): receivers answer short. */
const RESPONSE_LIMIT = 64 * 1024;

/**
 * POSTs one webhook: a 2xx is a success, anything else (a redirect too: never followed) a
 * failure; `timeoutMs` bounds the whole attempt. The agents resolve names through the guarded
 * lookup, so the address connected to is the address checked; an IP literal in the URL is checked
 * here (Node connects to it without a lookup).
 */
export class WebhookSender {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(
    private readonly allowPrivateNetworks: boolean,
    private readonly timeoutMs: number,
    lookup: LookupFunction = guardedLookup(allowPrivateNetworks),
  ) {
    this.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16, lookup });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 16, lookup });
  }

  async send(request: SendRequest): Promise<SendOutcome> {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return { ok: false, statusCode: null, durationMs: 0, error: 'invalid URL' };
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!this.allowPrivateNetworks && isIP(host) && !isPublicAddress(host))
      return {
        ok: false,
        statusCode: null,
        durationMs: 0,
        error: `${host} is not a public address`,
      };
    try {
      const statusCode = await this.post(url, request);
      const ok = statusCode >= 200 && statusCode < 300;
      return { ok, statusCode, durationMs: elapsed(), error: ok ? null : `HTTP ${statusCode}` };
    } catch (error) {
      return { ok: false, statusCode: null, durationMs: elapsed(), error: describe(error) };
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private post(url: URL, request: SendRequest): Promise<number> {
    const https = url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const outgoing = (https ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: https ? this.httpsAgent : this.httpAgent,
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(request.body)),
            'user-agent': 'UserKit-Webhooks/1',
          },
        },
        (response: IncomingMessage) => {
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > RESPONSE_LIMIT) response.destroy();
          });
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('close', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(response.statusCode ?? 0));
        },
      );
      const timer = setTimeout(
        () => outgoing.destroy(new Error(`timed out after ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      outgoing.on('error', reject);
      outgoing.on('close', () => clearTimeout(timer));
      outgoing.end(request.body);
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof DestinationRefusedError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 200);
}
