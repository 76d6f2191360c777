import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAttachmentStore } from './attachment-store.config.js';
import { AttachmentSealer, LocalAttachmentStore } from './attachment-store.js';
import { sniffImageType } from './image-upload.js';

describe('attachment storage', () => {
  const sealer = new AttachmentSealer(randomBytes(32), randomBytes(32));

  it('seals content (fresh IV each time) and detects tampering', () => {
    const content = Buffer.from('a medical bill photo');
    const a = sealer.seal(content);
    const b = sealer.seal(content);
    expect(a.equals(b)).toBe(false);
    expect(sealer.open(a).equals(content)).toBe(true);
    a[a.length - 1]! ^= 1;
    expect(() => sealer.open(a)).toThrow();
    expect(sealer.keyOf(content)).toMatch(/^[0-9a-f]{64}$/);
    expect(sealer.keyOf(content)).toBe(sealer.keyOf(Buffer.from('a medical bill photo')));
    expect(new AttachmentSealer(randomBytes(32), randomBytes(32)).keyOf(content)).not.toBe(sealer.keyOf(content));
  });

  it('keeps objects on local disk by key, and refuses keys that are not hashes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zczr-att-'));
    try {
      const store = new LocalAttachmentStore(dir);
      const key = 'ab'.repeat(32);
      expect(await store.has(key)).toBe(false);
      expect(await store.get(key)).toBeNull();
      await store.put(key, Buffer.from('x'));
      expect(await store.has(key)).toBe(true);
      expect((await store.get(key))!.toString()).toBe('x');
      await expect(store.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the store settings, refusing incomplete S3 ones', () => {
    const fail = (m: string) => new Error(m);
    expect(parseAttachmentStore({}, fail)).toEqual({ store: 'local', s3: null });
    expect(() => parseAttachmentStore({ ATTACHMENT_STORE: 'ftp' }, fail)).toThrow(/ATTACHMENT_STORE/);
    expect(() => parseAttachmentStore({ ATTACHMENT_STORE: 's3', S3_ENDPOINT: 'http://minio:9000' }, fail)).toThrow(
      /S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/,
    );
    const ok = parseAttachmentStore(
      { ATTACHMENT_STORE: 's3', S3_ENDPOINT: 'http://minio:9000/', S3_BUCKET: 'zczr', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' },
      fail,
    );
    expect(ok.s3).toMatchObject({ endpoint: 'http://minio:9000', region: 'us-east-1', bucket: 'zczr', prefix: '' });
  });

  it('knows images by their first bytes only', () => {
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImageType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('png');
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg'))).toBeNull();
  });
});
