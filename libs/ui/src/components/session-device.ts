import type { SessionWithActivitiesResponse } from '@userkit/client';

const DEVICE_NAMES: Record<string, string> = {
  desktop: 'computer',
  mobile: 'phone',
  tablet: 'tablet',
  tv: 'TV',
  bot: 'bot',
};

/** "Chrome 131 on a computer · 203.0.113.7", from what the API read of the user agent. */
export function sessionDevice(session: SessionWithActivitiesResponse): string {
  const { browserName, browserVersion, deviceType, ipAddress } = session.latestActivity;
  const major = browserVersion?.split('.')[0];
  const browser = browserName
    ? `${browserName}${major ? ` ${major}` : ''}`
    : (session.userAgent?.slice(0, 60) ?? 'Unknown device');
  const device = deviceType && DEVICE_NAMES[deviceType] ? ` on a ${DEVICE_NAMES[deviceType]}` : '';
  return `${browser}${device}${ipAddress ? ` · ${ipAddress}` : ''}`;
}
