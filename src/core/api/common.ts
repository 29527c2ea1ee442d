/**
 * The API's answers, declared once: each a zod schema here in core, its type inferred from it. Repositories map rows
 * to these types, routes give the schemas to Fastify as response schemas (only declared fields leave), and the web
 * imports the types (`import type`) instead of restating them.
 */
import { z } from 'zod';

/** The response of a paginated list of `item`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

/** A page of a list, as every paginated route answers it. */
export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

/** A file download (XLSX, DOCX, PDF…): bytes, not JSON; declared so every route has a response schema. */
export const FileDownload = z.any().meta({ type: 'string', format: 'binary', description: 'The file itself' });

export const DEADLINE_KINDS = ['immediate', 'by_date', 'long_term', 'unknown'] as const;
export const WARNING_COLORS = ['red', 'yellow', 'green'] as const;
