import { sessionActivity } from './session-activity.js';

const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describe('sessionActivity', () => {
  it('reads browser, version and kind of device from the user agent', () => {
    expect(sessionActivity(ANDROID_CHROME, '203.0.113.7')).toEqual({
      browserName: 'Chrome',
      browserVersion: '131.0.6778.39',
      deviceType: 'mobile',
      isMobile: true,
      ipAddress: '203.0.113.7',
    });
    expect(sessionActivity(GOOGLEBOT, null)).toMatchObject({ deviceType: 'bot', isMobile: false });
  });

  it('says nothing of a device it cannot read: no agent, an empty or an unknown one', () => {
    const unknown = {
      browserName: null,
      browserVersion: null,
      deviceType: null,
      isMobile: false,
      ipAddress: null,
    };
    for (const agent of [null, '', 'curl-ish/1.0', '\u0000', ' '.repeat(512)])
      expect(sessionActivity(agent, null)).toEqual(unknown);
  });

  it('shows an IPv4-mapped address as IPv4, and leaves IPv6 as it is', () => {
    expect(sessionActivity(null, '::ffff:10.1.2.3').ipAddress).toBe('10.1.2.3');
    expect(sessionActivity(null, '2001:db8::1').ipAddress).toBe('2001:db8::1');
    expect(sessionActivity(null, '::ffff:abcd').ipAddress).toBe('::ffff:abcd');
  });

  it('answers alike for an agent read before, also past the memo limit', () => {
    const first = sessionActivity(ANDROID_CHROME, '1.1.1.1');
    for (let index = 0; index < 600; index += 1)
      sessionActivity(`Mozilla/5.0 Firefox/${index}.0`, null);
    expect(sessionActivity(ANDROID_CHROME, '1.1.1.1')).toEqual(first);
  });
});
