import { LoggingMessageSender } from './logging-message-sender.js';
import { logValue } from './log-value.js';

describe('log values', () => {
  it('writes controls, bidi overrides and line separators escaped, so no log line is forged', () => {
    expect(logValue('a\nb\r\u001b[31mred\u202Eevil\u2028\u0000')).toBe(
      'a\\u{A}b\\u{D}\\u{1B}[31mred\\u{202E}evil\\u{2028}\\u{0}',
    );
    expect(logValue('plain ünïcödé 😀')).toBe('plain ünïcödé 😀');
    expect(logValue(new Error('x\ny'))).toBe('Error: x\\u{A}y');
  });

  it('the logging sender escapes what it logs', async () => {
    const lines: string[] = [];
    const sender = new LoggingMessageSender({ log: (line: string) => void lines.push(line) });
    const user = { id: 'u1', email: null, phoneNumber: null, displayName: null };
    await sender.sendPasswordResetLink({
      user,
      email: 'a@example.com\n[Nest] forged line',
      link: 'https://example.com/reset#\u001b[2J',
    } as never);
    expect(lines).toEqual([
      'Password reset link for a@example.com\\u{A}[Nest] forged line: https://example.com/reset#\\u{1B}[2J',
    ]);
  });
});
