/**
 * Who is signed in: read once from /api/auth/me (401 = nobody), set by sign-in, cleared by sign-out. The CSRF token
 * of the session goes to the API client, which sends it on every write.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { PERMISSIONS, type Permission, type Role } from '../../core/roles';
import { api, ApiError, setCsrfToken, setPasswordChangeHandler } from '../api/client';
import type { Principal } from '../api/types';

export interface Auth {
  /** undefined while the first /api/auth/me is in flight, null when nobody is signed in. */
  principal: Principal | null | undefined;
  signIn: (username: string, password: string) => Promise<Principal>;
  signOut: () => Promise<void>;
  /** True when one of the user's roles grants the permission somewhere (the API decides for each unit). */
  can: (permission: Permission) => boolean;
  /**
   * Changes the signed-in user's password. The API ends every session and token with it, so this signs in again
   * with the new password; the user stays where they were.
   */
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function hasPermission(principal: Principal | null | undefined, permission: Permission): boolean {
  const roles: readonly Role[] = PERMISSIONS[permission];
  // Complainants' details come with a grant on the membership, never with the role alone.
  return !!principal?.memberships.some((m) => (roles as readonly string[]).includes(m.role) && (permission !== 'readPersonalData' || m.complainantDetails === true));
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null | undefined>(undefined);

  const accept = useCallback((p: Principal | null) => {
    setCsrfToken(p?.csrfToken ?? null);
    setPrincipal(p);
  }, []);

  useEffect(() => {
    // Any answer saying the password must change first puts the change-password page in front (RequireAuth).
    setPasswordChangeHandler(() => setPrincipal((p) => (p ? { ...p, mustChangePassword: true } : p)));
    return () => setPasswordChangeHandler(null);
  }, []);

  useEffect(() => {
    let live = true;
    api.get<Principal>('/api/auth/me').then(
      (p) => live && accept(p),
      (e: unknown) => {
        // 401 is the normal answer for a visitor; any other failure also leaves them signed out (the page says why).
        if (live) accept(null);
        if (!(e instanceof ApiError && e.status === 401)) console.warn('auth check failed', e);
      },
    );
    return () => {
      live = false;
    };
  }, [accept]);

  const signIn = useCallback(async (username: string, password: string) => {
    const p = await api.post<Principal>('/api/auth/sign-in', { username, password });
    accept(p);
    return p;
  }, [accept]);

  const signOut = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/sign-out');
    } finally {
      accept(null);
    }
  }, [accept]);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const username = principal?.user.username;
    if (!username) throw new ApiError(401, 'UNAUTHENTICATED', '');
    await api.post<void>('/api/auth/password', { currentPassword, newPassword });
    accept(await api.post<Principal>('/api/auth/sign-in', { username, password: newPassword }));
  }, [principal, accept]);

  const value = useMemo<Auth>(
    () => ({ principal, signIn, signOut, changePassword, can: (perm) => hasPermission(principal, perm) }),
    [principal, signIn, signOut, changePassword],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
