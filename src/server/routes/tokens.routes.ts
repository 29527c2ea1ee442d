/**
 * API tokens for machine clients (Authorization: Bearer): the signed-in user's own (the secret is shown once), and
 * a managed user's, listed and revoked by their administrators.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { AppError } from '../../core/errors.js';
import { createOwnToken, listOwnTokens, listUserTokens, revokeOwnToken, revokeUserToken } from '../../services/tokens.js';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from '../../services/auth.js';
import { accessOf } from '../access.js';
import { requireUser } from '../plugins/auth.js';
import { COMMON_ERRORS, IdParams, PageQuery, WRITE_ERRORS, pageOf } from '../schemas.js';

const TokenSchema = z.object({
  id: z.number(), name: z.string(), scope: z.enum(['read', 'write']), createdAt: z.string(),
  /** null only for tokens made before expiry existed (they get one when the database is upgraded). */
  expiresAt: z.string().nullable(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(),
});
const TokenListQuery = PageQuery.extend({ includeRevoked: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'), order: z.enum(['asc', 'desc']).default('desc') });

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
      querystring: TokenListQuery,
      response: { 200: pageOf(TokenSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { rows, total } = await listOwnTokens(ctx, sessionActor(request).id, request.query);
    return { items: rows, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.post('/api/tokens', {
    schema: {
      tags: ['auth'], summary: 'Create an API token; the secret is in this answer only',
      body: z.object({
        name: z.string().trim().min(1).max(100),
        /** read: GET requests only; write: whatever the user's roles allow. */
        scope: z.enum(['read', 'write']).default('read'),
        expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS),
      }),
      response: { 201: z.object({ id: z.number(), name: z.string(), scope: z.enum(['read', 'write']), expiresAt: z.string(), token: z.string() }), ...WRITE_ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await createOwnToken(ctx, sessionActor(request), request.body)));

  app.delete('/api/tokens/:id', {
    schema: { tags: ['auth'], summary: 'Revoke one of my API tokens', params: IdParams, response: { 204: z.null(), ...WRITE_ERRORS } },
  }, async (request, reply) => {
    await revokeOwnToken(ctx, sessionActor(request), request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/users/:id/tokens', {
    schema: { tags: ['users'], summary: 'A managed user\'s API tokens (never their secrets)', params: IdParams, querystring: TokenListQuery, response: { 200: pageOf(TokenSchema), ...COMMON_ERRORS } },
  }, async (request) => {
    const { rows, total } = await listUserTokens(ctx, accessOf(request, 'manageUsers'), request.params.id, request.query);
    return { items: rows, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.delete('/api/users/:id/tokens/:tokenId', {
    schema: {
      tags: ['users'], summary: 'Revoke one API token of a managed user (needs authority over every unit of the user)',
      params: z.object({ id: z.coerce.number().int().positive(), tokenId: z.coerce.number().int().positive() }), response: { 204: z.null(), ...WRITE_ERRORS },
    },
  }, async (request, reply) => {
    await revokeUserToken(ctx, accessOf(request, 'manageUsers'), request.params.id, request.params.tokenId);
    return reply.status(204).send(null);
  });
};
