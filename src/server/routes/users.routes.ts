/**
 * User administration within the administrator's subtrees: list, create, set memberships, disable/enable, reset the
 * password (a one-time random password in the answer) and end all sessions. Password hashes never leave the server.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { ROLE_LABELS, ROLES } from '../../core/roles.js';
import { CreateUserSchema, EmailSchema, MembershipInputSchema, PasswordSchema } from '../../services/user-accounts.js';
import {
  createManagedUser, getManagedUser, listManagedUsers, resetUserPassword, revokeUserSessions, setManagedMemberships, setUserActive, setUserEmail, type ManagedUser,
} from '../../services/user-admin.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, IdParams, PageQuery, TextFilter, WRITE_ERRORS, pageOf } from '../schemas.js';

const MembershipsInput = z.array(MembershipInputSchema).max(50);
const ManagedUserSchema = z.object({
  id: z.number(), username: z.string(), displayName: z.string(), isActive: z.boolean(), locked: z.boolean(), version: z.number(),
  /** Where password reset links go; null when none is set. */
  email: z.string().nullable(),
  /** complainantDetails: this role at this unit may open complainants' details (granted by administrators, never implied). */
  memberships: z.array(z.object({ orgUnitId: z.number(), orgName: z.string(), role: z.enum(ROLES), roleLabel: z.string(), complainantDetails: z.boolean() })),
  /** The user also belongs to units outside this administrator's subtrees (not shown). */
  hasOtherMemberships: z.boolean(),
});

const present = ({ user, memberships, hasOtherMemberships }: ManagedUser): z.infer<typeof ManagedUserSchema> => ({
  id: user.id, username: user.username, displayName: user.displayName, isActive: user.isActive,
  locked: user.lockedUntil !== null && user.lockedUntil > new Date().toISOString(), version: user.version, email: user.email,
  memberships: memberships.map((m) => ({ orgUnitId: m.orgUnitId, orgName: m.orgName, role: m.role, roleLabel: ROLE_LABELS[m.role], complainantDetails: m.complainantDetails === true })),
  hasOtherMemberships,
});

export const userRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/users', {
    schema: {
      tags: ['users'], summary: 'Users holding a role inside the administrator\'s subtrees',
      querystring: PageQuery.extend({
        orgUnitId: z.coerce.number().int().positive().optional(), role: z.enum(ROLES).optional(),
        active: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
        q: TextFilter, sort: z.enum(['id', 'username', 'displayName']).default('username'),
      }),
      response: { 200: pageOf(ManagedUserSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { items, total } = await listManagedUsers(ctx, accessOf(request, 'manageUsers'), request.query);
    return { items: items.map(present), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/users/:id', {
    schema: { tags: ['users'], summary: 'One user in the administrator\'s subtrees', params: IdParams, response: { 200: ManagedUserSchema, ...COMMON_ERRORS } },
  }, async (request) => present(await getManagedUser(ctx, accessOf(request, 'manageUsers'), request.params.id)));

  app.post('/api/users', {
    schema: {
      tags: ['users'], summary: 'Create a user with roles at units the administrator manages; without a password, a random one is returned once',
      body: CreateUserSchema.extend({ password: PasswordSchema.optional() }),
      response: { 201: z.object({ user: ManagedUserSchema, password: z.string().nullable() }), ...WRITE_ERRORS },
    },
  }, async (request, reply) => {
    const { user, password } = await createManagedUser(ctx, accessOf(request, 'manageUsers'), request.body);
    return reply.status(201).send({ user: present(user), password });
  });

  app.patch('/api/users/:id', {
    schema: {
      tags: ['users'], summary: 'Set or clear the e-mail address password reset links go to (needs authority over every unit of the user)',
      params: IdParams, body: z.object({ email: EmailSchema.nullable(), version: z.number().int().positive() }), response: { 200: ManagedUserSchema, ...WRITE_ERRORS },
    },
  }, async (request) => present(await setUserEmail(ctx, accessOf(request, 'manageUsers'), request.params.id, request.body.email, request.body.version)));

  app.put('/api/users/:id/memberships', {
    schema: {
      tags: ['users'], summary: 'Replace the user\'s roles inside the administrator\'s subtrees (roles elsewhere stay)',
      params: IdParams, body: z.object({ memberships: MembershipsInput }), response: { 200: ManagedUserSchema, ...WRITE_ERRORS },
    },
  }, async (request) => present(await setManagedMemberships(ctx, accessOf(request, 'manageUsers'), request.params.id, request.body.memberships)));

  for (const [path, active] of [['disable', false], ['enable', true]] as const) {
    app.post(`/api/users/:id/${path}`, {
      schema: { tags: ['users'], summary: `${active ? 'Enable' : 'Disable (and sign out)'} an account`, params: IdParams, response: { 200: ManagedUserSchema, ...WRITE_ERRORS } },
    }, async (request) => present(await setUserActive(ctx, accessOf(request, 'manageUsers'), request.params.id, active)));
  }

  app.post('/api/users/:id/reset-password', {
    schema: {
      tags: ['users'], summary: 'Set a random one-time password (shown once), end the user\'s sessions, lift a lock-out',
      params: IdParams, response: { 200: z.object({ password: z.string() }), ...WRITE_ERRORS },
    },
  }, async (request) => ({ password: await resetUserPassword(ctx, accessOf(request, 'manageUsers'), request.params.id) }));

  app.post('/api/users/:id/revoke-sessions', {
    schema: { tags: ['users'], summary: 'Sign the user out everywhere', params: IdParams, response: { 204: z.null(), ...WRITE_ERRORS } },
  }, async (request, reply) => {
    await revokeUserSessions(ctx, accessOf(request, 'manageUsers'), request.params.id);
    return reply.status(204).send(null);
  });
};
