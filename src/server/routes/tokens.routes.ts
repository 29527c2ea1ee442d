/** The signed-in user's API tokens for machine clients (Authorization: Bearer). The secret is shown once. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { AppError } from '../../core/errors.js';
import { createOwnToken, listOwnTokens, revokeOwnToken } from '../../services/tokens.js';
import { requireUser } from '../plugins/auth.js';
import { COMMON_ERRORS, IdParams, PageQuery, WRITE_ERRORS, pageOf } from '../schemas.js';

const TokenSchema = z.object({ id: z.number(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });

/** Token management needs a browser session: a bearer token may not manage tokens. */
function sessionActor(request: FastifyRequest) {
  const p = requireUser(request);
  if (p.via !== 'session') throw new AppError('FORBIDDEN', 'API 令牌只能在登录后的网页中管理，不能用令牌本身管理');
  return { id: p.user.id, name: p.user.username };
}

export const tokenRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/tokens', {
    schema: {
      tags: ['auth'], summary: 'My API tokens (never their secrets)',
      querystring: PageQuery.extend({ includeRevoked: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'), order: z.enum(['asc', 'desc']).default('desc') }),
      response: { 200: pageOf(TokenSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { rows, total } = await listOwnTokens(ctx, sessionActor(request).id, request.query);
    return { items: rows, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.post('/api/tokens', {
    schema: {
      tags: ['auth'], summary: 'Create an API token; the secret is in this answer only',
      body: z.object({ name: z.string().trim().min(1).max(100) }),
      response: { 201: z.object({ id: z.number(), name: z.string(), token: z.string() }), ...WRITE_ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await createOwnToken(ctx, sessionActor(request), request.body.name)));

  app.delete('/api/tokens/:id', {
    schema: { tags: ['auth'], summary: 'Revoke one of my API tokens', params: IdParams, response: { 204: z.null(), ...WRITE_ERRORS } },
  }, async (request, reply) => {
    await revokeOwnToken(ctx, sessionActor(request), request.params.id);
    return reply.status(204).send(null);
  });
};
