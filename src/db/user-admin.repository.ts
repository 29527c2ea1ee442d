/** Users as administrators list them: those holding a membership inside the administrator's subtrees. */
import { sql } from 'kysely';
import type { Conn } from './database.js';
import type { User } from './users.repository.js';
import { containsText } from './text-match.js';
import type { Role } from '../core/roles.js';

export interface UserFilter {
  scopePaths: readonly string[];
  /** Only users with a membership at this unit or below (exact subtree path). */
  orgPath?: string;
  role?: Role;
  active?: boolean;
  q?: string;
  sort: 'id' | 'username' | 'displayName';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export async function findUserPage(db: Conn, f: UserFilter): Promise<{ rows: User[]; total: number }> {
  if (f.scopePaths.length === 0) return { rows: [], total: 0 };
  const under = sql.join(f.scopePaths.map((p) => sql`mo.path LIKE ${`${p}%`}`), sql` OR `);
  const extra = [
    f.orgPath ? sql` AND mo.path LIKE ${`${f.orgPath}%`}` : sql``,
    f.role ? sql` AND m.role = ${f.role}` : sql``,
  ];
  let q = db.selectFrom('users as u').where(sql<boolean>`EXISTS (SELECT 1 FROM memberships m INNER JOIN org_units mo ON mo.id = m.org_unit_id
    WHERE m.user_id = u.id AND (${under})${extra[0]}${extra[1]})`);
  if (f.active !== undefined) q = q.where('u.is_active', '=', f.active ? 1 : 0);
  if (f.q) { const text = f.q; q = q.where((eb) => eb.or([containsText('u.username', text), containsText('u.display_name', text), containsText('u.email', text)])); }
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const column = ({ id: 'u.id', username: 'u.username', displayName: 'u.display_name' } as const)[f.sort];
  const rows = await q.select(['u.id', 'u.username', 'u.display_name', 'u.is_active', 'u.failed_logins', 'u.locked_until', 'u.version', 'u.email', 'u.must_change_password'])
    .orderBy(column, f.order).orderBy('u.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return {
    total: Number(n),
    rows: rows.map((r) => ({
      id: r.id, username: r.username, displayName: r.display_name, isActive: r.is_active === 1, failedLogins: r.failed_logins, lockedUntil: r.locked_until, version: r.version, email: r.email, mustChangePassword: r.must_change_password === 1,
    })),
  };
}
