import {
  ENDPOINTS,
  pathOf,
  type AnyEndpoint,
  type ArgsOf,
  type BodyOf,
  type ErrorBody,
  type ErrorDetail,
  type ResponseOf,
  type TokenPair,
} from '@zczr/contract';
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
    readonly details?: readonly ErrorDetail[],
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
      const res = await fetch(ENDPOINTS.auth.refresh.path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken } satisfies BodyOf<typeof ENDPOINTS.auth.refresh>),
      });
      if (!res.ok) return false;
      storeTokens((await res.json()) as ResponseOf<typeof ENDPOINTS.auth.refresh>);
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
    // Whatever came back is checked field by field before it is trusted as an ErrorBody.
    const body = (await res.json()) as { [K in keyof ErrorBody]?: unknown };
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

/**
 * JSON request to a URL of the API, the answer's type chosen by the caller. Only this module, the
 * loading hook and the event-stream reader use it, with a URL built from the endpoint table (`urlOf`);
 * pages call `request`, `useEndpoint`, `upload` and `download` instead.
 */
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

/** What one call passes: the endpoint's path parameters, query and body, and optionally an abort signal. */
export type CallArgs<E extends AnyEndpoint> = ArgsOf<E> & { signal?: AbortSignal };
/** The arguments are optional when the endpoint needs none. */
export type CallArgList<E extends AnyEndpoint> = object extends ArgsOf<E> ? [CallArgs<E>?] : [CallArgs<E>];

interface LooseArgs {
  params?: Record<string, string | number>;
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

/** The URL of a call: the endpoint's path with its parameters filled, and the query string. */
export function urlOf<E extends AnyEndpoint>(endpoint: E, ...[args]: CallArgList<E>): string {
  const a = (args ?? {}) as LooseArgs;
  const path = a.params ? pathOf(endpoint.path, a.params as never) : endpoint.path;
  return `${path}${qs(a.query ?? {})}`;
}

/**
 * Typed call through the contract's endpoint table: `request(ENDPOINTS.tasks.reassign, { params: { id }, body })`.
 * The path, the query, the body and the answer's shape all come from `@zczr/contract`.
 */
export function request<E extends AnyEndpoint>(endpoint: E, ...args: CallArgList<E>): Promise<ResponseOf<E>> {
  const a = (args[0] ?? {}) as LooseArgs;
  return api<ResponseOf<E>>(urlOf(endpoint, ...args), {
    method: endpoint.method,
    ...(a.body !== undefined ? { body: a.body } : {}),
    ...(a.signal ? { signal: a.signal } : {}),
  });
}

/** Multipart upload to a `multipart` endpoint: its fields as the body, and the file (the browser sets the boundary). */
export async function upload<E extends AnyEndpoint>(endpoint: E, file: { field: string; blob: Blob }, ...args: CallArgList<E>): Promise<ResponseOf<E>> {
  const a = (args[0] ?? {}) as LooseArgs;
  const form = new FormData();
  for (const [key, value] of Object.entries((a.body ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) form.append(key, String(value));
  }
  form.append(file.field, file.blob);
  const res = await send(urlOf(endpoint, ...args), (token) => ({ method: 'POST', headers: authHeaders(token), body: form, signal: a.signal }));
  return (await res.json()) as ResponseOf<E>;
}

/** Fetches a `download` endpoint with the token and hands the file to the browser. */
export function download<E extends AnyEndpoint>(endpoint: E, filename: string, ...args: CallArgList<E>): Promise<void> {
  return apiDownload(urlOf(endpoint, ...args), filename);
}

/** Fetches a file with the token and hands it to the browser as a download. */
async function apiDownload(path: string, filename: string): Promise<void> {
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

type QueryParams = Record<string, string | number | boolean | null | undefined | readonly string[]>;

/** Builds a query string from defined, non-empty values (a list as the key repeated). */
export function qs(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) search.append(key, v);
    else search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
