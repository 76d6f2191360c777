import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encryption of sensitive fields at rest (AES-256-GCM, random 96-bit IV per value) and a keyed
 * hash (HMAC-SHA256) for exact-match lookups of ID numbers without decrypting.
 * Stored form: `v1:<base64(iv | tag | ciphertext)>`.
 */
export class FieldCipher {
  constructor(
    private readonly encryptionKey: Buffer,
    private readonly hashKey: Buffer,
  ) {}

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (!stored.startsWith(`${VERSION}:`)) throw new Error('Unknown ciphertext version');
    const raw = Buffer.from(stored.slice(VERSION.length + 1), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  encryptJson(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  decryptJson<T>(stored: string): T {
    return JSON.parse(this.decrypt(stored)) as T;
  }

  encryptNullable(value: string | null | undefined): string | null {
    return value === null || value === undefined || value === '' ? null : this.encrypt(value);
  }

  decryptNullable(stored: string | null): string | null {
    return stored === null ? null : this.decrypt(stored);
  }

  /** Keyed hash for exact lookups (ID numbers are normalised to upper case first). */
  hash(value: string): string {
    return createHmac('sha256', this.hashKey).update(value.trim().toUpperCase()).digest('hex');
  }
}
