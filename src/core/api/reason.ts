/** A warning's or notice's reason as codes with parameters (core/reason-text.ts): clients word it from `k` and `p`. */
import { z } from 'zod';
import { REASON_KEYS, type ReasonPart } from '../reason-text.js';

/** One part of a reason; `sub` nests a reason (the worst share's reason under its parent's). */
export const ReasonPartSchema: z.ZodType<ReasonPart> = z.lazy(() => z.object({
  k: z.enum(REASON_KEYS), p: z.record(z.string(), z.union([z.string(), z.number()])).optional(), sub: z.array(ReasonPartSchema).optional(),
}));
export const ReasonSchema = z.array(ReasonPartSchema).readonly();
