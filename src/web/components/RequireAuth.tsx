import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth/auth';
import { PageLoading } from './PageLoading';
import { ForcedPasswordChange } from '../pages/account/ForcedPasswordChange';

/**
 * Signed-in screens: visitors go to the sign-in page and come back afterwards; a user who must change their password
 * sees the change-password page instead, and then the screen they asked for.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { principal } = useAuth();
  const location = useLocation();
  if (principal === undefined) return <PageLoading />;
  if (principal === null) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (principal.mustChangePassword) return <ForcedPasswordChange />;
  return <>{children}</>;
}
