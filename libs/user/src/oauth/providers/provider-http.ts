import type { OAuthProviderHttp } from '../extension-points/oauth-provider-descriptor.js';
import { OAuthProviderError } from './oauth-provider-error.js';

/** Larger answers are refused: no provider's profile comes near it. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export interface ProviderResponse {
  status: number;
  /** The parsed JSON object or array, or null when the answer was not one. */
  json: unknown;
}

/**
 * Every call to a provider in one round trip shares one deadline (an abort signal). Answers are
 * read as text, bounded, and parsed here: a provider that answers HTML or garbage is unavailable,
 * never a crash.
 */
export class ProviderHttp implements OAuthProviderHttp {
  constructor(private readonly signal: AbortSignal) {}

  async request(url: string, init: RequestInit): Promise<ProviderResponse> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        redirect: 'error',
        signal: this.signal,
        headers: { 'User-Agent': 'UserKit', Accept: 'application/json', ...init.headers },
      });
    } catch (error) {
      throw new OAuthProviderError('provider_unavailable', `${url}: ${describe(error)}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new OAuthProviderError('provider_unavailable', `${url}: ${describe(error)}`);
    }
    if (text.length > MAX_ANSWER_BYTES)
      throw new OAuthProviderError('provider_unavailable', `${url}: answer too large`);
    return { status: response.status, json: parseDocument(text) };
  }

  async getJson(
    url: string,
    options: {
      accessToken?: string;
      headers?: Record<string, string>;
      method?: 'GET' | 'POST';
    } = {},
  ): Promise<unknown> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.accessToken) headers.Authorization = `Bearer ${options.accessToken}`;
    const answer = await this.request(url, { method: options.method ?? 'GET', headers });
    if (answer.status < 200 || answer.status >= 300 || answer.json === null)
      throw new OAuthProviderError(
        'provider_unavailable',
        `${url}: HTTP ${answer.status}${answer.json === null ? ', not JSON' : ''}`,
      );
    return answer.json;
  }
}

function parseDocument(text: string): unknown {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : null;
  } catch {
    return null;
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error)
    return error.cause instanceof Error ? error.cause.message : error.message;
  return String(error);
}
