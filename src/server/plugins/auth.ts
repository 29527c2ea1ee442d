/**
 * Who is asking: a session cookie (browser) or a bearer API token (machines). Cookie-authenticated writes must carry
 * the session's CSRF token in the X-CSRF-Token header; token-authenticated requests carry no ambient credentials.
 */
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../services/context.js';
import { resolveApiToken, resolveSession, type Principal } from '../../services/auth.js';
import { AppError } from '../../core/errors.js';
import { can, scopePathsFor, type Permission } from '../../core/roles.js';
import type { Actor } from '../../db/audit.repository.js';

export const SESSION_COOKIE = 'rectify_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export default fp<{ ctx: AppContext }>(async (app, { ctx }) => {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      request.principal = await resolveApiToken(ctx, auth.slice(7).trim());
      if (!request.principal) throw new AppError('UNAUTHENTICATED', 'API 令牌无效、已过期或已吊销（修改密码、停用账号、退出所有登录都会吊销令牌），请在“我的账号”中新建');
      if (request.principal.scope !== 'write' && !SAFE_METHODS.has(request.method)) {
        throw new AppError('FORBIDDEN', '这个 API 令牌只能读取（scope=read），不能修改数据；需要写入时请新建 scope 为 write 的令牌');
      }
      assertPasswordChosen(request.principal, request.url);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    request.principal = token ? await resolveSession(ctx, token) : null;
    // Every API write but signing in/out needs a user: refuse the anonymous before the body is parsed or validated.
    if (!request.principal && !SAFE_METHODS.has(request.method) && !request.url.startsWith('/api/auth/')) {
      throw new AppError('UNAUTHENTICATED', '请先登录');
    }
    if (request.principal && !SAFE_METHODS.has(request.method) && !request.url.startsWith('/api/auth/sign-in')) {
      if (request.headers['x-csrf-token'] !== request.principal.csrfToken) {
        throw new AppError('CSRF_FAILED', '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
      }
    }
    if (request.principal) assertPasswordChosen(request.principal, request.url);
  });
}, { name: 'rectify-auth', dependencies: ['@fastify/cookie'] });

/**
 * A user whose password an administrator set (FORCE_PASSWORD_CHANGE) may only see who they are, choose a new password
 * and sign out until they have done so — and read what everyone reads without signing in (the public page).
 */
function assertPasswordChosen(principal: Principal, url: string): void {
  if (!principal.user.mustChangePassword || url.startsWith('/api/auth/') || url.startsWith('/api/public/') || url === '/api/health') return;
  throw new AppError('PASSWORD_CHANGE_REQUIRED', '管理员为您设置的初始密码须先修改：请在“我的账号”中设置自己的新密码后再继续');
}

/** The signed-in principal, or 401. */
export function requireUser(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.principal;
}

/** Org paths where the signed-in user holds the permission; 403 when none. */
export function requireScope(request: FastifyRequest, permission: Permission): string[] {
  const p = requireUser(request);
  const paths = scopePathsFor(p.memberships, permission);
  if (paths.length === 0) throw new AppError('FORBIDDEN', '您的角色无权执行此操作');
  return paths;
}

/**
 * 403 unless the user holds the permission at the unit with this path. Units outside the reader's scope answer
 * 404, as if absent, so guessed ids reveal nothing.
 */
export function requireAt(request: FastifyRequest, permission: Permission, orgPath: string, notFound: AppError): void {
  const p = requireUser(request);
  if (!can(p.memberships, 'read', orgPath)) throw notFound;
  if (!can(p.memberships, permission, orgPath)) throw new AppError('FORBIDDEN', '您的角色无权执行此操作');
}

export function actorOf(request: FastifyRequest): Actor {
  const p = requireUser(request);
  return { id: p.user.id, name: p.user.username };
}

export type { FastifyReply };
