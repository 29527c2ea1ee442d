/** The Access a service needs, from the signed-in principal: 401 when anonymous, 403 when the role never allows this. */
import type { FastifyRequest } from 'fastify';
import type { Permission } from '../core/roles.js';
import type { Access } from '../services/access.js';
import { actorOf, requireScope, requireUser } from './plugins/auth.js';

export function accessOf(request: FastifyRequest, permission: Permission): Access {
  requireScope(request, permission);
  return { actor: actorOf(request), memberships: requireUser(request).memberships };
}
