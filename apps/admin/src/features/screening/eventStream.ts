import { ENDPOINTS } from '@zczr/contract';
import { api, getAccessToken, request } from '../../api/client';

export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * Reads a server-sent event stream with fetch(), so the bearer token travels in the Authorization
 * header: EventSource cannot send one, and a token in the URL would end up in access logs, proxies
 * and the browser history. `url` is an `events` endpoint's (`urlOf(ENDPOINTS.screenings.events, …)`). Resolves when the server ends the stream; rejects on HTTP errors.
 */
export async function readEventStream(url: string, onEvent: (e: StreamEvent) => void, signal: AbortSignal): Promise<void> {
  const open = (): Promise<Response> => {
    const token = getAccessToken();
    return fetch(url, { headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, signal, cache: 'no-store' });
  };
  let res = await open();
  if (res.status === 401) {
    // An expired access token: one ordinary API call refreshes it (or signs out), then try again.
    await request(ENDPOINTS.auth.me, { signal });
    res = await open();
  }
  if (!res.ok || !res.body) {
    await api(url, { signal }); // turns the error answer into the usual ApiError with its Chinese message
    throw new Error(`进度连接失败（${res.status}）`);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent({ event, data: data.join('\n') });
    }
  }
}
