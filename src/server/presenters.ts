/** Presenters whitelist what leaves the API: a new column never leaks by accident. */
import type { Principal } from '../services/auth.js';
import { ROLE_LABELS } from '../core/roles.js';

export function presentPrincipal(p: Principal) {
  return {
    user: { id: p.user.id, username: p.user.username, displayName: p.user.displayName },
    memberships: p.memberships.map((m) => ({ orgUnitId: m.orgUnitId, orgName: m.orgName, role: m.role, roleLabel: ROLE_LABELS[m.role], complainantDetails: m.complainantDetails === true })),
    csrfToken: p.csrfToken,
    mustChangePassword: p.user.mustChangePassword,
  };
}
