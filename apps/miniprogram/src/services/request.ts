/**
 * The one request module: every call to the API goes through here. It adds the token, carries the
 * Idempotency-Key, and rejects on any non-2xx answer with the API's Chinese message. Pages never
 * call Taro.request or Taro.uploadFile themselves.
 */
import Taro from '@tarojs/taro';
import { call, pathOf, type AnyEndpoint, type ArgsOf, type BodyOf, type ResponseOf } from '@zczr/contract';
import { getToken, clearSession } from './session';

/** '' on H5 (same origin as the API); the weapp build needs the full https origin. */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? '';

export class ApiError extends Error {
  /** HTTP status; 0 when the network failed (offline, timeout). */
  readonly status: number;
  /** The API's error code, e.g. VERSION_CONFLICT; NETWORK for a network failure. */
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
  get offline(): boolean {
    return this.status === 0;
  }
  get conflict(): boolean {
    return this.status === 409;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  idempotencyKey?: string;
  /** Default true: send the signed-in user's token. */
  auth?: boolean;
  timeoutMs?: number;
}

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const parts = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return `${API_BASE}${path}${parts.length ? `?${parts.join('&')}` : ''}`;
}

function headers(opts: { auth?: boolean; idempotencyKey?: string; json?: boolean }): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json' };
  if (opts.json) h['Content-Type'] = 'application/json';
  const token = opts.auth === false ? null : getToken();
  if (token) h.Authorization = `Bearer ${token}`;
  if (opts.idempotencyKey) h['Idempotency-Key'] = opts.idempotencyKey;
  return h;
}

function errorFrom(status: number, data: unknown): ApiError {
  let body = data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      /* not JSON */
    }
  }
  const b = (body ?? {}) as { code?: unknown; message?: unknown };
  const message = typeof b.message === 'string' && b.message ? b.message : `服务暂时不可用（${status}），请稍后再试`;
  const code = typeof b.code === 'string' ? b.code : `HTTP_${status}`;
  if (status === 401) clearSession();
  return new ApiError(status, code, message);
}

async function request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
  let res: { statusCode: number; data: unknown };
  try {
    res = await Taro.request({
      url: buildUrl(path, opts.query),
      method,
      data: opts.body === undefined ? undefined : (opts.body as Record<string, unknown>),
      header: headers({ auth: opts.auth, idempotencyKey: opts.idempotencyKey, json: opts.body !== undefined }),
      timeout: opts.timeoutMs ?? 20_000,
      dataType: 'json',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw errorFrom(res.statusCode, res.data);
  return res.data as T;
}

/** A photo picked on the phone: its temporary path, and on H5 the File itself. */
export interface LocalPhoto {
  path: string;
  file?: Blob;
}

/** What a call adds to the endpoint's own arguments. */
export type CallOptions = Pick<RequestOptions, 'idempotencyKey' | 'auth' | 'timeoutMs'>;

/** Calls one endpoint of the contract's table (path, method and shapes from there; no path is spelt here). */
export function callApi<E extends AnyEndpoint>(endpoint: E, args?: ArgsOf<E>, opts: CallOptions = {}): Promise<ResponseOf<E>> {
  return call(
    (r) => request(r.method, r.path, { ...opts, body: r.body, query: r.query as RequestOptions['query'] }),
    endpoint,
    ...([args] as never as [ArgsOf<E>]),
  );
}

/**
 * multipart/form-data upload of one local file (a photo from chooseImage) to a `multipart` endpoint; the
 * other fields as strings. An outbox item's photo carries its Idempotency-Key.
 */
export function uploadTo<E extends AnyEndpoint>(
  endpoint: E,
  photo: LocalPhoto,
  fileField: string,
  fields: BodyOf<E>,
  opts: { params?: Record<string, string>; idempotencyKey?: string } = {},
): Promise<ResponseOf<E>> {
  const form = Object.fromEntries(
    Object.entries(fields as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, String(v)]),
  );
  const path = opts.params ? pathOf(endpoint.path, opts.params as never) : endpoint.path;
  return upload<ResponseOf<E>>(path, photo, fileField, form, opts.idempotencyKey);
}

async function upload<T>(path: string, photo: LocalPhoto, fileField: string, form: Record<string, string>, idempotencyKey?: string): Promise<T> {
  let res: { statusCode: number; data: string };
  try {
    if (process.env.TARO_ENV === 'h5' && photo.file) {
      // H5: Taro.uploadFile re-reads the blob: URL with XHR, which the API's CSP (connect-src) forbids.
      const body = new FormData();
      for (const [k, v] of Object.entries(form)) body.append(k, v);
      body.append(fileField, photo.file, (photo.file as File).name || 'photo.jpg');
      const r = await fetch(buildUrl(path), { method: 'POST', body, headers: headers({ idempotencyKey }) });
      res = { statusCode: r.status, data: await r.text() };
    } else {
      res = await Taro.uploadFile({ url: buildUrl(path), filePath: photo.path, name: fileField, formData: form, header: headers({ idempotencyKey }) });
    }
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw errorFrom(res.statusCode, res.data);
  try {
    return JSON.parse(res.data) as T;
  } catch {
    throw new ApiError(res.statusCode, 'BAD_RESPONSE', '服务返回的内容无法识别，请稍后再试');
  }
}

/** The message to show for any error caught on a page. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后再试';
}

/** An Idempotency-Key: 8–128 chars of [A-Za-z0-9_.:-]. */
export function newIdempotencyKey(prefix: string): string {
  const rand = Math.random().toString(36).slice(2, 10) + Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now().toString(36)}-${rand}`;
}
