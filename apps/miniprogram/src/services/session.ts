/** The signed-in user's token and profile, kept on the phone. */
import { readStored, removeStored, writeStored } from './storage';
import type { Me } from './types';

const TOKEN_KEY = 'zczr.token';
const ME_KEY = 'zczr.me';

let token: string | null = null;

export function getToken(): string | null {
  if (token === null) token = readStored<string>(TOKEN_KEY);
  return token;
}

export function setToken(t: string): void {
  token = t;
  writeStored(TOKEN_KEY, t);
}

export function cachedMe(): Me | null {
  return readStored<Me>(ME_KEY);
}

export function cacheMe(me: Me): void {
  writeStored(ME_KEY, me);
}

export function clearSession(): void {
  token = null;
  removeStored(TOKEN_KEY);
  removeStored(ME_KEY);
}
