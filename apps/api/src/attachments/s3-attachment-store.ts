import { createHash, createHmac } from 'node:crypto';
import type { S3StoreConfig } from './attachment-store.config.js';
import { assertKey, type AttachmentStore } from './attachment-store.js';

const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding of one path segment, as SigV4 wants it. */
const encodeSegment = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
}

/**
 * AWS Signature Version 4 for one S3 request (headers only, payload hashed). Written out here,
 * on node:crypto, rather than pulling in an SDK for three calls.
 */
export function signS3Request(
  cfg: S3StoreConfig,
  method: string,
  objectKey: string,
  payload: Buffer,
  now: Date,
  extra: Record<string, string> = {},
): SignedRequest {
  const url = new URL(cfg.endpoint);
  const path = `/${[cfg.bucket, ...objectKey.split('/')].map(encodeSegment).join('/')}`;
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256Hex(payload);
  const headers: Record<string, string> = { host: url.host, 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate };
  for (const [k, v] of Object.entries(extra)) headers[k.toLowerCase()] = v;
  const names = Object.keys(headers).sort();
  const canonicalRequest = [method, path, '', ...names.map((n) => `${n}:${headers[n]!.trim()}`), '', names.join(';'), payloadHash].join('\n');
  const scope = `${day}/${cfg.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${cfg.secretAccessKey}`, day), cfg.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${cfg.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  delete headers.host; // fetch sets Host itself, to the same value
  return { url: `${url.origin}${path}`, headers };
}

/** An S3-compatible bucket (AWS, MinIO, Ceph RGW…), path-style addressing, plain REST. */
export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3';

  constructor(
    private readonly cfg: S3StoreConfig,
    private readonly timeoutMs = 15_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async has(key: string): Promise<boolean> {
    const res = await this.send('HEAD', key);
    if (res.status === 404) return false;
    if (res.ok) return true;
    throw new Error(`S3 HEAD failed: ${res.status}`);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const res = await this.send('PUT', key, data);
    if (!res.ok) throw new Error(`S3 PUT failed: ${res.status} ${(await res.text()).slice(0, 200)}`);
  }

  async get(key: string): Promise<Buffer | null> {
    const res = await this.send('GET', key);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`S3 GET failed: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async delete(key: string): Promise<void> {
    const res = await this.send('DELETE', key);
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE failed: ${res.status}`);
  }

  private send(method: 'HEAD' | 'GET' | 'PUT' | 'DELETE', key: string, body?: Buffer): Promise<Response> {
    assertKey(key);
    const payload = body ?? Buffer.alloc(0);
    const extra: Record<string, string> = body ? { 'content-type': 'application/octet-stream' } : {};
    const { url, headers } = signS3Request(this.cfg, method, `${this.cfg.prefix}${key}`, payload, this.now(), extra);
    return fetch(url, { method, headers, body: body ? new Uint8Array(body) : undefined, signal: AbortSignal.timeout(this.timeoutMs) });
  }
}
