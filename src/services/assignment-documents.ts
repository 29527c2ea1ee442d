/**
 * Documents an assignment cites (《title》 and 文号). A document is shared between assignments (found by its number,
 * else its title), so unlinking removes only the reference, never the document.
 */
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { assertNotClosed } from '../core/closure.js';
import { normalizeDocumentRef } from '../core/document-ref.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import { ensureDocument, linkDocument } from '../db/tasks.repository.js';
import type { DocumentRecord } from '../core/api/tasks.js';
import { findAssignmentDocumentPage, getDocumentById, unlinkDocument } from '../db/assignment-admin.repository.js';
import { assertMay, type Access } from './access.js';
import { getAssignmentInScope } from './assignments.js';

export async function listAssignmentDocuments(ctx: AppContext, access: Access, assignmentId: number, f: Parameters<typeof findAssignmentDocumentPage>[2]) {
  await getAssignmentInScope(ctx.db, access, assignmentId);
  return findAssignmentDocumentPage(ctx.db, assignmentId, f);
}

export async function linkAssignmentDocument(ctx: AppContext, access: Access, assignmentId: number, ref: { title?: string | null; number?: string | null }): Promise<DocumentRecord> {
  const { assignment, unit } = await getAssignmentInScope(ctx.db, access, assignmentId);
  assertMay(access, 'writeLedger', unit.path);
  assertNotClosed(assignment);
  const doc = normalizeDocumentRef(ref);
  if (!doc.title && !doc.number) throw new AppError('VALIDATION_FAILED', '文件须有标题或文号', [{ field: 'title', message: '标题和文号至少填一项' }]);
  return ctx.db.transaction().execute(async (tx) => {
    const documentId = await ensureDocument(tx, doc);
    await linkDocument(tx, assignmentId, documentId);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'document.link', entityType: 'assignment', entityId: assignmentId, assignmentId, orgUnitId: unit.id, after: { documentId, ...doc } });
    return getDocumentById(tx, documentId);
  });
}

export async function unlinkAssignmentDocument(ctx: AppContext, access: Access, assignmentId: number, documentId: number): Promise<void> {
  const { assignment, unit } = await getAssignmentInScope(ctx.db, access, assignmentId);
  assertMay(access, 'writeLedger', unit.path);
  assertNotClosed(assignment);
  await ctx.db.transaction().execute(async (tx) => {
    const doc = await getDocumentById(tx, documentId);
    await unlinkDocument(tx, assignmentId, documentId);
    await appendAuditEvent(tx, ctx.dialect, access.actor, { action: 'document.unlink', entityType: 'assignment', entityId: assignmentId, assignmentId, orgUnitId: unit.id, before: doc });
  });
}
