/** Where attachment content lives: read from the environment once, at boot, by loadConfig. */

export interface S3StoreConfig {
  /** e.g. https://s3.cn-north-1.amazonaws.com.cn, or a MinIO / Ceph RGW address inside the bureau's network. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Optional key prefix inside the bucket, e.g. "zczr/". */
  prefix: string;
}

export interface AttachmentStoreConfig {
  store: 'local' | 's3';
  s3: S3StoreConfig | null;
}

type Env = Record<string, string | undefined>;

/** ATTACHMENT_STORE=local|s3 and, for s3, the S3_* settings; `fail` builds the boot error naming the bad setting. */
export function parseAttachmentStore(env: Env, fail: (message: string) => Error): AttachmentStoreConfig {
  const store = env.ATTACHMENT_STORE || 'local';
  if (store === 'local') return { store, s3: null };
  if (store !== 's3') throw fail(`ATTACHMENT_STORE must be one of local, s3, got "${store}"`);
  const required = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((k) => !env[k]);
  if (required.length) throw fail(`ATTACHMENT_STORE=s3 needs ${required.join(', ')}`);
  const endpoint = env.S3_ENDPOINT!.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw fail('S3_ENDPOINT is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail('S3_ENDPOINT must be an http(s) URL');
  if (url.pathname !== '/' && url.pathname !== '') throw fail('S3_ENDPOINT must not have a path (the bucket is S3_BUCKET)');
  const bucket = env.S3_BUCKET!;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw fail(`S3_BUCKET is not a valid bucket name: "${bucket}"`);
  const prefix = env.S3_PREFIX ?? '';
  if (prefix && !/^[A-Za-z0-9._/-]{1,100}$/.test(prefix)) throw fail('S3_PREFIX may only contain letters, digits and . _ / -');
  return {
    store,
    s3: { endpoint, region: env.S3_REGION || 'us-east-1', bucket, accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY!, prefix },
  };
}
