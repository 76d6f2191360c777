import { verify as verifyTotp } from 'otplib';

/**
 * The 30-second time step of a valid TOTP code, or null. A code is good once: the caller accepts it
 * only if its step is later than the last one accepted for that user.
 */
export async function totpStep(secret: string, code: string, now: Date): Promise<number | null> {
  const r = await verifyTotp({ secret, token: code, epochTolerance: 30 });
  if (!r.valid) return null;
  return 'epoch' in r && typeof r.epoch === 'number' ? Math.floor(r.epoch / 30) : Math.floor(now.getTime() / 30_000) + r.delta;
}
