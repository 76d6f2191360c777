import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ENDPOINTS, type Me, type StaffLoginBody } from '@zczr/contract';
import { ApiError, clearTokens, getAccessToken, onSignedOut, request, storeTokens } from '../api/client';

/** The signed-in staff member, from `GET /api/v1/auth/me`. */
export type SessionUser = Me;

export type SignInInput = StaffLoginBody;

export interface Session {
  user: SessionUser | null;
  /** True until the stored token (if any) has been checked. */
  loading: boolean;
  signIn(input: SignInInput): Promise<SessionUser>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(() => getAccessToken() !== null);

  useEffect(() => onSignedOut(() => setUser(null)), []);

  useEffect(() => {
    if (!getAccessToken()) return;
    const ctrl = new AbortController();
    request(ENDPOINTS.auth.me, { signal: ctrl.signal })
      .then(setUser, (err: unknown) => {
        if (ctrl.signal.aborted) return;
        if (err instanceof ApiError && err.status === 401) clearTokens();
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, []);

  const signIn = useCallback(async (input: SignInInput) => {
    const tokens = await request(ENDPOINTS.auth.login, { body: input });
    storeTokens(tokens);
    const me = await request(ENDPOINTS.auth.me);
    setUser(me);
    return me;
  }, []);

  const signOut = useCallback(() => {
    clearTokens();
    setUser(null);
  }, []);

  const value = useMemo<Session>(() => ({ user, loading, signIn, signOut }), [user, loading, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession 须在 SessionProvider 内使用');
  return session;
}

/** The signed-in user inside the shell (the shell renders nothing for signed-out visitors). */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser 须在登录后使用');
  return user;
}
