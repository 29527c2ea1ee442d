/** The Access a service receives for a user, built the way the HTTP layer builds it (from their memberships). */
import type { AppContext } from '../../../src/services/context.js';
import type { Access } from '../../../src/services/access.js';
import type { User } from '../../../src/db/users.repository.js';
import { listMemberships } from '../../../src/db/users.repository.js';

export async function accessFor(ctx: AppContext, user: Pick<User, 'id' | 'username'>): Promise<Access> {
  return { actor: { id: user.id, name: user.username }, memberships: await listMemberships(ctx.db, user.id) };
}
