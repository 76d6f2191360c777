import { call, queryString, type AnyEndpoint, type ArgsOf, type ResponseOf, type TokenPair, type Transport } from '@zczr/contract';
/**
 * The one HTTP module of the console: JSON in and out, the bearer token, one refresh on 401,
 * and the API's `{ code, message }` errors as `ApiError` (message already in Chinese).
 */

const ACCESS_KEY = 'zczr.admin.accessToken';
const REFRESH_KEY = 'zczr.admin.refreshToken';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ReadonlyArray<{ field?: string; message: string }>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type SignedOutListener = () => void;
const signedOutListeners = new Set<SignedOutListener>();

/** Called when the session ends because the tokens no longer work (the session provider listens). */
export function onSignedOut(listener: SignedOutListener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export function getAccessToken(): string | null {
  return sessionStorage.getItem(ACCESS_KEY);
}

export function storeTokens(tokens: TokenPair): void {
  sessionStorage.setItem(ACCESS_KEY, tokens.accessToken);
  sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
}

export function clearTokens(): void {
  sessionStorage.removeItem(ACCESS_KEY);
  sessionStorage.removeItem(REFRESH_KEY);
}

function endSession(): void {
  clearTokens();
  for (const listener of signedOutListeners) listener();
}

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh token for a new pair; concurrent 401s share one attempt. */
function refreshOnce(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = sessionStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return false;
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!res.ok) return false;
      storeTokens((await res.json()) as TokenPair);
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function toApiError(res: Response): Promise<ApiError> {
  let code = 'HTTP_' + res.status;
  let message = res.status >= 500 ? '服务器内部错误，请稍后再试' : `请求失败（${res.status}）`;
  let details: ApiError['details'];
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string') message = body.message;
    if (Array.isArray(body.details)) details = body.details as ApiError['details'];
  } catch {
    // not JSON: keep the generic message
  }
  return new ApiError(res.status, code, message, details);
}

/** Sends with the bearer token; on 401 refreshes once and retries, else signs out. */
async function send(path: string, build: (token: string | null) => RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, build(getAccessToken()));
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (res.status === 401 && getAccessToken()) {
    if (await refreshOnce()) res = await fetch(path, build(getAccessToken()));
    if (res.status === 401) endSession();
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

function authHeaders(token: string | null, extra?: Record<string, string>): Record<string, string> {
  return { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra };
}

/** JSON request to the API, e.g. `api<HouseholdDto>('/api/v1/households/1')`. */
export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  const hasBody = init.body !== undefined;
  const res = await send(path, (token) => ({
    method: init.method ?? (hasBody ? 'POST' : 'GET'),
    headers: authHeaders(token, { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...init.headers }),
    body: hasBody ? JSON.stringify(init.body) : undefined,
    signal: init.signal,
  }));
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Typed call through the contract's endpoint table: `request(ENDPOINTS.households.get, { params: { id } })`.
 * The path, the query, the body and the answer's shape all come from `@zczr/contract`.
 */
export function request<E extends AnyEndpoint>(endpoint: E, ...args: object extends ArgsOf<E> ? [ArgsOf<E>?] : [ArgsOf<E>]): Promise<ResponseOf<E>> {
  return call(transport, endpoint, ...args);
}

const transport: Transport = ({ method, path, query, body }) =>
  api<unknown>(`${path}${queryString(query)}`, { method, ...(body !== undefined ? { body } : {}) });

/** Multipart upload (the browser sets the boundary). */
export async function apiUpload<T>(path: string, formData: FormData, signal?: AbortSignal): Promise<T> {
  const res = await send(path, (token) => ({ method: 'POST', headers: authHeaders(token), body: formData, signal }));
  return (await res.json()) as T;
}

/** Fetches a file with the token and hands it to the browser as a download. */
export async function apiDownload(path: string, filename: string): Promise<void> {
  const res = await send(path, (token) => ({ headers: authHeaders(token, { Accept: '*/*' }) }));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a binary resource (e.g. an attachment image) as an object URL; the caller revokes it. */
export async function apiBlobUrl(path: string, signal?: AbortSignal): Promise<string> {
  const res = await send(path, (token) => ({ headers: authHeaders(token, { Accept: '*/*' }), signal }));
  return URL.createObjectURL(await res.blob());
}

/** Builds a query string from defined, non-empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined | readonly string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) search.append(key, v);
    else search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
