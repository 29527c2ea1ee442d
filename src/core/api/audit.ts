/** An audit event as the API shows it: who did what to which record, with the state before and after. */
import { z } from 'zod';

export const AuditEventSchema = z.object({
  id: z.number(), at: z.string(), actorId: z.number().nullable(), actorName: z.string(), action: z.string(), entityType: z.string(),
  entityId: z.string(), assignmentId: z.number().nullable(), before: z.unknown(), after: z.unknown(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
