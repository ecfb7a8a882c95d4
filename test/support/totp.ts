import { generate } from 'otplib';

/** A TOTP code of the step `offsetSeconds` away (each step is accepted once; ±1 step passes). */
export function codeAt(secret: string, offsetSeconds: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
}

/**
 * Codes are per 30-second step: a previous step's code made just before a step change is two
 * steps old when the server reads it. Waits into the next step when less than 6 s are left.
 */
export async function awayFromStepEdge(): Promise<void> {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 24) await new Promise((resolve) => setTimeout(resolve, (31 - intoStep) * 1000));
}
