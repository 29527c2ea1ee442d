/** Evidence file records (the bytes are in the file store under their sha256). */
import type { Conn } from './database.js';
import type { EvidenceRecord } from '../core/api/assignment-parts.js';
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
  // Current versions only (older and withdrawn ones are reached through a file's versions).
  q = q.where('e.withdrawn_at', 'is', null).where((eb) => eb.not(eb.exists(eb.selectFrom('evidence_files as n').select('n.id').whereRef('n.replaces_id', '=', 'e.id'))));
  if (f.q) q = q.where(containsText('e.original_name', f.q));
  if (f.mediaType) q = q.where('e.media_type', 'like', `${f.mediaType}%`);
  const { n } = await q.clearSelect().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const column = ({ uploadedAt: 'e.uploaded_at', name: 'e.original_name', size: 'e.size' } as const)[f.sort];
  const rows = await q.orderBy(column, f.order).orderBy('e.id', f.order).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows: rows.map(toEvidence), total: Number(n) };
}

export interface EvidenceVersion {
  id: number; name: string; sha256: string; size: number; uploadedAt: string; uploadedBy: string | null; replacesId: number | null;
  withdrawnAt: string | null; withdrawnBy: string | null; withdrawReason: string | null;
}

/** Every version of the file `id` belongs to, first to last (a chain through replaces_id). */
export async function listEvidenceVersions(db: Conn, id: number): Promise<EvidenceVersion[]> {
  const row = (x: number) => db.selectFrom('evidence_files as e').leftJoin('users as u', 'u.id', 'e.uploaded_by').leftJoin('users as w', 'w.id', 'e.withdrawn_by')
    .select(['e.id', 'e.original_name', 'e.sha256', 'e.size', 'e.uploaded_at', 'e.replaces_id', 'e.withdrawn_at', 'e.withdraw_reason', 'u.display_name as uploader', 'w.display_name as withdrawer'])
    .where('e.id', '=', x).executeTakeFirst();
  const to = (r: NonNullable<Awaited<ReturnType<typeof row>>>): EvidenceVersion => ({
    id: r.id, name: r.original_name, sha256: r.sha256, size: r.size, uploadedAt: r.uploaded_at, uploadedBy: r.uploader, replacesId: r.replaces_id,
    withdrawnAt: r.withdrawn_at, withdrawnBy: r.withdrawer, withdrawReason: r.withdraw_reason,
  });
  const first = await row(id);
  if (!first) throw new AppError('EVIDENCE_NOT_FOUND', `找不到编号为 ${id} 的佐证材料`);
  const chain = [to(first)];
  for (let back = first.replaces_id; back !== null; ) {
    const r = await row(back);
    if (!r) break;
    chain.unshift(to(r));
    back = r.replaces_id;
  }
  for (let last = chain.at(-1)!.id; ;) {
    const next = await db.selectFrom('evidence_files').select('id').where('replaces_id', '=', last).executeTakeFirst();
    if (!next) break;
    chain.push(to((await row(next.id))!));
    last = next.id;
  }
  return chain;
}

export async function isReplaced(db: Conn, id: number): Promise<boolean> {
  return (await db.selectFrom('evidence_files').select('id').where('replaces_id', '=', id).executeTakeFirst()) !== undefined;
}

export async function insertEvidenceVersion(db: Conn, e: { replacesId: number; sha256: string; size: number; mediaType: string; originalName: string; ownerType: string; ownerId: number; orgUnitId: number | null; uploadedBy: number | null; uploadedAt: string }): Promise<number> {
  const { id } = await db.insertInto('evidence_files').values({
    sha256: e.sha256, size: e.size, media_type: e.mediaType, original_name: e.originalName, owner_type: e.ownerType, owner_id: e.ownerId,
    org_unit_id: e.orgUnitId, uploaded_by: e.uploadedBy, uploaded_at: e.uploadedAt, replaces_id: e.replacesId,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Withdraws softly unless already withdrawn; returns whether this call did. */
export async function withdrawEvidenceRow(db: Conn, id: number, by: number | null, reason: string, at: string): Promise<boolean> {
  const res = await db.updateTable('evidence_files').set({ withdrawn_at: at, withdrawn_by: by, withdraw_reason: reason }).where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Closures whose steps pinned the file (their dossier named it by id and hash). */
export async function closuresPinning(db: Conn, id: number): Promise<number[]> {
  const rows = await db.selectFrom('closure_steps').select('closure_id').distinct().where('evidence_snapshot', 'like', `%"id":${id},%`).execute();
  return rows.map((r) => r.closure_id).sort((a, b) => a - b);
}

export async function withdrawnAtOf(db: Conn, id: number): Promise<string | null> {
  return (await db.selectFrom('evidence_files').select('withdrawn_at').where('id', '=', id).executeTakeFirst())?.withdrawn_at ?? null;
}
