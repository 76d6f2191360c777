import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encryption of sensitive fields at rest (AES-256-GCM) and a keyed hash (HMAC-SHA256) for
 * exact-match lookups of ID numbers without decrypting. Stored form: `v1:<base64(iv | tag | ciphertext)>`.
 *
 * IV: a random 64-bit field, drawn again every 2^32 values, followed by a 32-bit counter; unique
 * IVs without paying for a random draw per value (it dominated encrypting a million households).
 */
export class FieldCipher {
  private ivPrefix = randomBytes(8);
  private counter = 0;

  constructor(
    private readonly encryptionKey: Buffer,
    private readonly hashKey: Buffer,
  ) {}

  private nextIv(): Buffer {
    if (this.counter === 0x1_0000_0000) {
      this.ivPrefix = randomBytes(8);
      this.counter = 0;
    }
    const iv = Buffer.allocUnsafe(12);
    this.ivPrefix.copy(iv, 0);
    iv.writeUInt32BE(this.counter++, 8);
    return iv;
  }

  encrypt(plain: string): string {
    const iv = this.nextIv();
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
