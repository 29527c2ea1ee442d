/**
 * Builds the HTTP application (no listen): security headers, cookies, validation through zod, the OpenAPI document at
 * /api/docs, authentication, the API routes and the web app's static files. Routes are thin: parse, authorize, call a
 * service, present.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../services/context.js';
import authPlugin from './plugins/auth.js';
import { errorHandler, notFound } from './errors.js';
import { MAX_UPLOAD_BYTES } from './uploads.js';
import { registerRoutes } from './routes/index.js';
import { databaseRateLimitStore } from './rate-limit-store.js';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
export { MAX_UPLOAD_BYTES };

export interface AppOptions {
  /** Pino options: `productionLoggerOptions(level)` (log-serializers.ts) masks what must not be logged. */
  logger?: boolean | object;
  /** Serve the built web app from dist/web when present (default true). */
  serveWeb?: boolean;
  /** Called for every route as it is registered (tests use it to check that every route is classified). */
  onRoute?: (route: { method: string | string[]; url: string; schema?: unknown }) => void;
}

/**
 * Which hops of X-Forwarded-For to believe for request.ip (the sign-in rate limit's key, logs, the audit of reset
 * requests). Never `true`: that takes the leftmost entry, which the client writes itself. A number of proxies is
 * given to Fastify as a function (the connection is hop 0, the last entry appended hop 1, …), since Fastify reads a
 * bare number as "trust nobody".
 */
function trustedHops(proxies: false | number): false | ((address: string, hop: number) => boolean) {
  return proxies === false ? false : (_address, hop) => hop < proxies;
}

export async function createApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: trustedHops(ctx.config.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  // Private answers (anything a sign-in may change: the ledger, cases with complainants, users, even refusals) are never
  // kept by a browser or a proxy; only the public pages' data, the health check and the API docs may be.
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.url;
    if (url.startsWith('/api/') && !url.startsWith('/api/public/') && !url.startsWith('/api/docs') && !url.startsWith('/api/health')) {
      const current = reply.getHeader('cache-control');
      if (typeof current !== 'string' || !current.includes('no-store')) void reply.header('cache-control', 'no-store');
    }
    return payload;
  });
  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith('/api/') && request.method === 'GET' && hasWeb()) return reply.type('text/html').sendFile('index.html');
    return notFound(request, reply);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'self'"], frameSrc: ["'self'"], frameAncestors: ["'self'"], connectSrc: ["'self'"], fontSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(cookie);
  // Counters in the database: several instances behind a load balancer count a client's attempts together.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(ctx.db) });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 10, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Rectify API · 督察整改台账接口', version: '0.1.0', description: 'Errors: { error: { code, message, params, messageCode?, details? } } (message in Chinese; messageCode and params let a client word it in its own language). Cookie-authenticated writes need X-CSRF-Token; machines use Authorization: Bearer <token>.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'rectify_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin, { ctx });
  await registerRoutes(app, ctx);

  const serveWeb = opts.serveWeb ?? true;
  function hasWeb() {
    return serveWeb && fs.existsSync(path.join(WEB_ROOT, 'index.html'));
  }
  if (serveWeb && fs.existsSync(WEB_ROOT)) {
    await app.register(fastifyStatic, { root: WEB_ROOT, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}
