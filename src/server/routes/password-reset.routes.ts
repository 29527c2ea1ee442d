/**
 * Self-service password reset, without signing in. A request always answers 202 with the same body, so it never
 * tells whether the account exists, is active or has an address; both routes are rate-limited per address like
 * sign-in. The token travels in the JSON body (never in an API URL, so never in the request log).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { confirmPasswordReset, requestPasswordReset, RESET_REQUESTED_MESSAGE } from '../../services/password-reset.js';
import { PasswordSchema } from '../../services/user-accounts.js';
import { ErrorResponse } from '../schemas.js';

export const passwordResetRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/auth/password-reset/request', {
    config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'], summary: 'Ask for a password reset link by e-mail; the answer is the same whether or not the account exists',
      body: z.object({ login: z.string().trim().min(1).max(254).describe('username or e-mail address') }),
      response: { 202: z.object({ message: z.string() }), 400: ErrorResponse, 429: ErrorResponse },
    },
  }, async (request, reply) => {
    await requestPasswordReset(ctx, request.body.login, { ip: request.ip });
    return reply.status(202).send({ message: RESET_REQUESTED_MESSAGE });
  });

  app.post('/api/auth/password-reset/confirm', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'], summary: 'Set a new password with the token from the e-mail (once, within 30 minutes); ends every session of the user',
      body: z.object({ token: z.string().min(1).max(200), password: PasswordSchema }),
      response: { 204: z.null(), 400: ErrorResponse, 429: ErrorResponse },
    },
  }, async (request, reply) => {
    await confirmPasswordReset(ctx, request.body.token, request.body.password);
    return reply.status(204).send(null);
  });
};
