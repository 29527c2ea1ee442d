/** Reading the audit trail within scope, and checking its hash chain (the CLI's `rectify audit verify`). */
import type { AppContext } from './context.js';
import { coversRoot } from '../core/scope.js';
import { listAuditEvents, verifyAuditChain, type AuditVerification } from '../db/audit.repository.js';
import { findAuditPage, type AuditFilter } from '../db/audit-trail.repository.js';
import { pathsFor, type Access } from './access.js';
import { getAssignmentInScope } from './assignments.js';

export async function listAuditTrail(ctx: AppContext, access: Access, f: Omit<AuditFilter, 'scopePaths' | 'includeUnscoped'>) {
  const scopePaths = pathsFor(access, 'readAudit');
  return findAuditPage(ctx.db, { ...f, scopePaths, includeUnscoped: coversRoot(scopePaths) });
}

/** An assignment's history, newest first; readers of the assignment may read it. */
export async function getAssignmentHistory(ctx: AppContext, access: Access, assignmentId: number, page: { beforeId?: number; limit: number }) {
  await getAssignmentInScope(ctx.db, access, assignmentId);
  return listAuditEvents(ctx.db, { assignmentId, beforeId: page.beforeId, limit: page.limit });
}

/** Walks the whole chain; the first bad event's id when it is broken. */
export async function verifyAudit(ctx: Pick<AppContext, 'db'>): Promise<AuditVerification> {
  return verifyAuditChain(ctx.db);
}
