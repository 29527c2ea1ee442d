/**
 * One JSON error shape for every failure: { error: { code, message, params, messageCode?, details? } }. `message` is
 * the Chinese text as ever; `params` the values it was composed of and `messageCode` its dictionary key when the
 * message is more particular than its code (core/errors.ts), so a client words it in its reader's language.
 * Unknown errors are logged as 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, isAppError, type ErrorCode, type MessageParams } from '../core/errors.js';
import { isBusy, isUniqueViolation } from '../db/db-errors.js';

export interface ErrorBody { error: { code: ErrorCode; message: string; params: MessageParams; messageCode?: string; details?: unknown } }

function body(code: ErrorCode, message: string, details?: unknown, text?: { messageCode?: string; params: MessageParams }): ErrorBody {
  const error: ErrorBody['error'] = { code, message, params: text?.params ?? {} };
  if (text?.messageCode) error.messageCode = text.messageCode;
  if (details !== undefined) error.details = details;
  return { error };
}

function retryAfterOf(details: unknown): number {
  const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : 5;
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isAppError(error)) {
    // Every file reader busy: say when to come back (the pool puts the seconds in the details).
    if (error.code === 'BUSY') void reply.header('retry-after', String(retryAfterOf(error.details)));
    return reply.status(error.httpStatus).send(body(error.code, error.message, error.details, { messageCode: error.messageCode, params: error.params }));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({ field: `${error.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`, message: v.message }));
    const first = issues[0];
    return reply.status(400).send(body('VALIDATION_FAILED', first ? `输入有误：${first.field} ${first.message ?? ''}`.trim() : '输入有误', issues));
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    return reply.status(400).send(body('VALIDATION_FAILED', `输入有误：${issues[0]?.field ?? ''} ${issues[0]?.message ?? ''}`.trim(), issues));
  }
  const fe = error as FastifyError;
  if (fe.statusCode === 429) return reply.status(429).send(body('RATE_LIMITED', '请求过于频繁，请稍后再试'));
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) return reply.status(413).send(body('FILE_TOO_LARGE', '文件超过大小上限'));
  if (fe.statusCode === 415) return reply.status(415).send(body('UNSUPPORTED_FILE', '不支持的内容类型'));
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.status(400).send(body('VALIDATION_FAILED', `请求无效：${fe.message}`));
  }
  // SQLite's lock wait (busy_timeout) or PostgreSQL's serialization/deadlock detection gave up: tell the user to retry.
  if (isBusy(error)) {
    request.log.warn({ err: error }, 'database busy');
    return reply.status(503).header('retry-after', '2').send(body('DATABASE_BUSY', '系统繁忙（数据库正被其他操作占用），请稍等几秒后重试，您的修改尚未保存'));
  }
  // Two requests created the same thing at once (the service checked, both found nothing): the second one loses.
  if (isUniqueViolation(error)) {
    request.log.warn({ err: error }, 'concurrent duplicate');
    return reply.status(409).send(body('ALREADY_EXISTS', '同样的记录刚刚已由另一个请求创建（可能是重复提交），请刷新后查看'));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send(body('INTERNAL', '服务器内部错误，已记录，请稍后再试或联系管理员'));
}

export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const route = `${request.method} ${request.url.split('?')[0]}`;
  return reply.status(404).send(body('NOT_FOUND', `没有这个接口：${route}`, undefined, { messageCode: 'noRoute', params: { route } }));
}

export { AppError };
