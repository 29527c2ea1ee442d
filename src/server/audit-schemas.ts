/** An audit event as the API shows it: who did what to which record, with the state before and after. */
import { z } from 'zod';
import type { AuditEvent } from '../db/audit.repository.js';

export const AuditEventSchema = z.object({
  id: z.number(), at: z.string(), actorId: z.number().nullable(), actorName: z.string(), action: z.string(), entityType: z.string(),
  entityId: z.string(), assignmentId: z.number().nullable(), before: z.unknown(), after: z.unknown(),
});

/** Newest first; pass `nextBeforeId` as `beforeId` for the next page (null at the end). */
export const AuditPageSchema = z.object({ items: z.array(AuditEventSchema), nextBeforeId: z.number().nullable() });

export const AuditPageQuery = z.object({
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function presentAuditPage(events: readonly AuditEvent[], limit: number): z.infer<typeof AuditPageSchema> {
  return {
    items: events.map((e) => ({
      id: e.id, at: e.at, actorId: e.actorId, actorName: e.actorName, action: e.action, entityType: e.entityType,
      entityId: e.entityId, assignmentId: e.assignmentId, before: e.before, after: e.after,
    })),
    nextBeforeId: events.length === limit ? events[events.length - 1]!.id : null,
  };
}
