import Bowser from 'bowser';

/** What a session's user agent and address say about its device (Clerk's `latestActivity`). */
export interface SessionActivity {
  browserName: string | null;
  browserVersion: string | null;
  /** `desktop`, `mobile`, `tablet`, `tv` or `bot`, as bowser names the platform; null unknown. */
  deviceType: string | null;
  /** A phone or a tablet. */
  isMobile: boolean;
  ipAddress: string | null;
}

type DeviceFacts = Omit<SessionActivity, 'ipAddress'>;

/** A user has a handful of distinct agents: parsing each once keeps a long list cheap. */
const PARSED_LIMIT = 500;
const parsed = new Map<string, DeviceFacts>();

function deviceFacts(userAgent: string): DeviceFacts {
  const known = parsed.get(userAgent);
  if (known) return known;
  let facts: DeviceFacts = {
    browserName: null,
    browserVersion: null,
    deviceType: null,
    isMobile: false,
  };
  try {
    const result = Bowser.parse(userAgent);
    const deviceType = result.platform.type || null;
    facts = {
      browserName: result.browser.name || null,
      browserVersion: result.browser.version || null,
      deviceType,
      isMobile: deviceType === 'mobile' || deviceType === 'tablet',
    };
  } catch {
    // An agent string bowser cannot read says nothing about the device.
  }
  if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(userAgent, facts);
  return facts;
}

/**
 * The device and address a session was opened from, read when a list of sessions is asked for
 * (never on the request path): only the raw user agent and address are stored.
 */
export function sessionActivity(userAgent: string | null, ip: string | null): SessionActivity {
  const facts: DeviceFacts = userAgent
    ? deviceFacts(userAgent)
    : { browserName: null, browserVersion: null, deviceType: null, isMobile: false };
  return { ...facts, ipAddress: ip?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') ?? null };
}
