import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { signIn, signOut, SESSION_TTL_HOURS } from '../../services/auth.js';
import { SESSION_COOKIE, requireUser } from '../plugins/auth.js';
import { presentPrincipal } from '../presenters.js';
import { changeOwnPassword } from '../../services/user-accounts.js';
import { WRITE_ERRORS } from '../schemas.js';

const PrincipalSchema = z.object({
  user: z.object({ id: z.number(), username: z.string(), displayName: z.string() }),
  /** complainantDetails: this membership may open complainants' details (see PUT /api/users/:id/memberships). */
  memberships: z.array(z.object({ orgUnitId: z.number(), orgName: z.string(), role: z.string(), roleLabel: z.string(), complainantDetails: z.boolean() })),
  csrfToken: z.string().nullable(),
  /** The password was set by an administrator and must be changed (POST /api/auth/password) before anything else. */
  mustChangePassword: z.boolean(),
});

export const authRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/auth/sign-in', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'], summary: 'Sign in with username and password; sets an HttpOnly session cookie',
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
      response: { 200: PrincipalSchema },
    },
  }, async (request, reply) => {
    // A fresh session id on every sign-in: an id planted before sign-in is never promoted (session fixation).
    const old = request.cookies[SESSION_COOKIE];
    if (old) await signOut(ctx, old);
    const { sessionToken, principal } = await signIn(ctx, request.body.username, request.body.password);
    void reply.setCookie(SESSION_COOKIE, sessionToken, {
      httpOnly: true, sameSite: 'lax', secure: ctx.config.cookieSecure, path: '/', maxAge: SESSION_TTL_HOURS * 3600,
    });
    return presentPrincipal(principal);
  });

  app.post('/api/auth/sign-out', { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(ctx, token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post('/api/auth/password', {
    schema: {
      tags: ['auth'], summary: 'Change my own password (current one required); ends every session and API token, so sign in again',
      body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }), response: { 204: z.null(), ...WRITE_ERRORS },
    },
  }, async (request, reply) => {
    const p = requireUser(request);
    await changeOwnPassword(ctx, p.user.id, request.body.currentPassword, request.body.newPassword);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user, roles and CSRF token', response: { 200: PrincipalSchema } } }, async (request) => {
    return presentPrincipal(requireUser(request));
  });
};
