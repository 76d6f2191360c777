import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where attachment content lives: a content-addressed key–value store. Keys are 64 hex
 * characters; a key that exists already holds the same content, so put() may skip it.
 */
export interface AttachmentStore {
  readonly kind: 'local' | 's3';
  has(key: string): Promise<boolean>;
  put(key: string, data: Buffer): Promise<void>;
  /** null when there is no such object. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

const KEY = /^[0-9a-f]{64}$/;

export function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error('attachment key must be 64 hex characters');
}

/** Files under DATA_DIR/attachments/ab/cd/<key>, written to a temporary name and renamed into place. */
export class LocalAttachmentStore implements AttachmentStore {
  readonly kind = 'local';

  constructor(private readonly root: string) {}

  private path(key: string): string {
    assertKey(key);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.path(key))).isFile();
    } catch {
      return false;
    }
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.path(key);
    await mkdir(join(file, '..'), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, file);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.path(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

const MAGIC = Buffer.from('ZA1');

/**
 * Attachment content at rest: AES-256-GCM under ENCRYPTION_KEY (a fresh IV per object), addressed
 * by HMAC-SHA256 under HASH_KEY, so the store (a disk, a bucket run by someone else) learns
 * neither the photos nor whether it holds a given photo.
 */
export class AttachmentSealer {
  constructor(
    private readonly encryptionKey: Buffer,
    private readonly hashKey: Buffer,
  ) {}

  keyOf(content: Buffer): string {
    return createHmac('sha256', this.hashKey).update('attachment\0').update(content).digest('hex');
  }

  seal(content: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const ct = Buffer.concat([cipher.update(content), cipher.final()]);
    return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), ct]);
  }

  open(sealed: Buffer): Buffer {
    if (sealed.length < 31 || !sealed.subarray(0, 3).equals(MAGIC)) throw new Error('not a sealed attachment');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, sealed.subarray(3, 15));
    decipher.setAuthTag(sealed.subarray(15, 31));
    return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]);
  }
}
