/** An audit event as the API shows it: who did what to which record, with the state before and after. */
import { z } from 'zod';
import type { AuditEvent } from '../db/audit.repository.js';
import type { AuditRecord } from '../db/audit-trail.repository.js';

export const AuditEventSchema = z.object({
  id: z.number(), at: z.string(), actorId: z.number().nullable(), actorName: z.string(), action: z.string(), entityType: z.string(),
  entityId: z.string(), assignmentId: z.number().nullable(), before: z.unknown(), after: z.unknown(),
});

/** What an event is about, by name, for the sentence the audit log shows (composed by the client in its language). */
export const AuditSubjectSchema = z.object({
  kind: z.enum(['assignment', 'task', 'case', 'round', 'plan', 'user', 'org_unit', 'inspection', 'case_batch', 'published_report', 'other']),
  /** The page the subject links to: the assignment, case, round, plan (for a task, its plan), user, unit… */
  id: z.number().nullable(),
  name: z.string().nullable(), taskCode: z.string().nullable(), unitName: z.string().nullable(),
});

/** An event of the administrators' trail: the event, with the names of its actor (and their unit), unit and subject. */
export const AuditTrailEventSchema = AuditEventSchema.extend({
  orgUnitId: z.number().nullable(), orgUnitName: z.string().nullable(),
  actorDisplayName: z.string().nullable(), actorUnitName: z.string().nullable(),
  subject: AuditSubjectSchema,
});
export const AuditTrailPageSchema = z.object({ items: z.array(AuditTrailEventSchema), nextBeforeId: z.number().nullable() });

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

export function presentAuditTrailPage(events: readonly AuditRecord[], limit: number): z.infer<typeof AuditTrailPageSchema> {
  const page = presentAuditPage(events, limit);
  return {
    ...page,
    items: page.items.map((item, i) => {
      const e = events[i]!;
      return {
        ...item, orgUnitId: e.orgUnitId, orgUnitName: e.orgUnitName, actorDisplayName: e.actorDisplayName, actorUnitName: e.actorUnitName,
        subject: { kind: e.subject.kind, id: e.subject.id, name: e.subject.name, taskCode: e.subject.taskCode, unitName: e.subject.unitName },
      };
    }),
  };
}
