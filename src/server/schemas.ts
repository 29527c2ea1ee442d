/** Zod pieces shared by the resource routes: ids, dates, pagination, the error shape. They feed /api/docs too. */
import { z } from 'zod';

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const Version = z.number().int().positive();

/** page/pageSize/order for every list; each list adds its own filters and its `sort` enum. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** The response of a paginated list of `item` (declared in core with the answers). */
export { pageOf } from '../core/api/common.js';

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    /** In Chinese, as written for the person who must act. */
    message: z.string(),
    /** The values the message is composed of (names, YYYY-MM-DD dates, counts); {} when none. */
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    /** The message's own code when it is more particular than `code`: clients word it in their language from it and `params`. */
    messageCode: z.string().optional(),
    details: z.unknown().optional(),
  }),
}).describe('The one error shape');

/** Error responses every authenticated route may give, for the OpenAPI document. */
export const COMMON_ERRORS = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } as const;
export const WRITE_ERRORS = { ...COMMON_ERRORS, 409: ErrorResponse } as const;

/** An optional text filter: trimmed, empty means absent. */
export const TextFilter = z.string().trim().max(100).optional().transform((s) => s || undefined);
