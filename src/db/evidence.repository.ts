/** Evidence file records (the bytes are in the file store under their sha256). */
import type { Conn } from './database.js';
import type { EvidenceRecord } from './assignment-details.repository.js';
import { containsText } from './text-match.js';
import { AppError } from '../core/errors.js';

export interface EvidenceWithScope extends EvidenceRecord { orgUnitId: number | null; orgPath: string | null; uploadedBy: number | null }

function evidenceQuery(db: Conn) {
  return db.selectFrom('evidence_files as e').leftJoin('org_units as o', 'o.id', 'e.org_unit_id').selectAll('e').select('o.path');
}
type Row = Awaited<ReturnType<ReturnType<typeof evidenceQuery>['executeTakeFirstOrThrow']>>;
const toEvidence = (r: Row): EvidenceWithScope => ({
  id: r.id, sha256: r.sha256, size: r.size, mediaType: r.media_type, originalName: r.original_name, ownerType: r.owner_type,
  ownerId: r.owner_id, uploadedAt: r.uploaded_at, orgUnitId: r.org_unit_id, orgPath: r.path, uploadedBy: r.uploaded_by,
});

export async function getEvidenceById(db: Conn, id: number): Promise<EvidenceWithScope> {
  const r = await evidenceQuery(db).where('e.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('EVIDENCE_NOT_FOUND', `找不到编号为 ${id} 的佐证材料`);
  return toEvidence(r);
}

/** The same content already attached to the same record, if any (an upload repeated is not a second file). */
export async function findSameEvidence(db: Conn, ownerType: string, ownerId: number, sha256: string): Promise<EvidenceWithScope | undefined> {
  const r = await evidenceQuery(db).where('e.owner_type', '=', ownerType).where('e.owner_id', '=', ownerId).where('e.sha256', '=', sha256).executeTakeFirst();
  return r && toEvidence(r);
}

export interface EvidenceFilter { q?: string; mediaType?: string; sort: 'uploadedAt' | 'name' | 'size'; order: 'asc' | 'desc'; page: number; pageSize: number }

/** Evidence of an assignment and of its progress reports, a page at a time. */
export async function findEvidencePage(db: Conn, assignmentId: number, f: EvidenceFilter): Promise<{ rows: EvidenceWithScope[]; total: number }> {
  const reportIds = db.selectFrom('progress_reports').select('id').where('assignment_id', '=', assignmentId);
  let q = evidenceQuery(db).where((eb) => eb.or([
    eb.and([eb('e.owner_type', '=', 'assignment'), eb('e.owner_id', '=', assignmentId)]),
    eb.and([eb('e.owner_type', '=', 'progress_report'), eb('e.owner_id', 'in', reportIds)]),
  ]));
  if (f.q) q = q.where(containsText('e.original_name', f.q));
  if (f.mediaType) q = q.where('e.media_type', 'like', `${f.mediaType}%`);
  const { n } = await q.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const column = ({ uploadedAt: 'e.uploaded_at', name: 'e.original_name', size: 'e.size' } as const)[f.sort];
  const rows = await q.orderBy(column, f.order).orderBy('e.id', f.order).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows: rows.map(toEvidence), total: Number(n) };
}
