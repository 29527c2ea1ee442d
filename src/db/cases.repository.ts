/**
 * Complaint cases (信访件): rows ↔ domain objects, inserts in bulk, optimistic updates. The complainant's sealed
 * name and contact never enter the domain object: they are read only through `getSealedComplainant`, so no
 * presenter or log can pick them up by accident.
 */
import type { Conn } from './database.js';
import type { ComplaintCaseTable } from './schema.js';
import type { Insertable, Selectable } from 'kysely';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';
import type { CaseSource, Verified } from '../core/case.js';
import type { CaseState } from '../core/case-state.js';

export interface ComplaintCase {
  id: number;
  batchId: number;
  caseNo: string;
  orgUnitId: number;
  regionText: string | null;
  targetName: string | null;
  content: string;
  pollutionType: string | null;
  source: CaseSource | null;
  isKey: boolean;
  /** Whether a name / contact is on file (the values themselves stay sealed). */
  hasComplainantName: boolean;
  hasComplainantContact: boolean;
  deadline: string | null;
  state: CaseState;
  verified: Verified | null;
  handling: string | null;
  stagePlan: string | null;
  stageDue: string | null;
  repeatOfCaseId: number | null;
  repeatReason: string | null;
  repeatScore: number | null;
  doneAt: string | null;
  closedAt: string | null;
  isPublished: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

type Row = Selectable<ComplaintCaseTable>;

export function toCase(r: Row): ComplaintCase {
  return {
    id: r.id, batchId: r.batch_id, caseNo: r.case_no, orgUnitId: r.org_unit_id, regionText: r.region_text, targetName: r.target_name,
    content: r.content, pollutionType: r.pollution_type, source: r.source as CaseSource | null, isKey: r.is_key === 1,
    hasComplainantName: r.complainant_name_enc !== null, hasComplainantContact: r.complainant_contact_enc !== null,
    deadline: r.deadline, state: r.state as CaseState, verified: r.verified as Verified | null, handling: r.handling,
    stagePlan: r.stage_plan, stageDue: r.stage_due, repeatOfCaseId: r.repeat_of_case_id, repeatReason: r.repeat_reason,
    repeatScore: r.repeat_score, doneAt: r.done_at, closedAt: r.closed_at, isPublished: r.is_published === 1,
    createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
  };
}

/** A new case as written: sealed personal fields already encrypted by the service. */
export type NewCaseRow = Omit<Insertable<ComplaintCaseTable>, 'id' | 'created_at' | 'updated_at' | 'version'>;

// 500 rows × ~20 columns stays well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
const CHUNK = 500;

/**
 * Inserts many cases with multi-row statements; returns their ids in input order. RETURNING's row order is not
 * promised by either database, so ids are matched back through the unique (batch, case number) pair.
 */
export async function insertCases(db: Conn, rows: readonly NewCaseRow[]): Promise<number[]> {
  const ids: number[] = [];
  const now = nowIso();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inserted = await db.insertInto('complaint_cases').values(chunk.map((r) => ({ ...r, created_at: now, updated_at: now })))
      .returning(['id', 'batch_id', 'case_no']).execute();
    const byKey = new Map(inserted.map((r) => [`${r.batch_id}|${r.case_no}`, r.id]));
    ids.push(...chunk.map((r) => byKey.get(`${r.batch_id}|${r.case_no}`)!));
  }
  return ids;
}

export async function findCase(db: Conn, id: number): Promise<ComplaintCase | undefined> {
  const r = await db.selectFrom('complaint_cases').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toCase(r);
}

export async function getCaseById(db: Conn, id: number): Promise<ComplaintCase> {
  const c = await findCase(db, id);
  if (!c) throw new AppError('CASE_NOT_FOUND', `找不到编号为 ${id} 的信访件`);
  return c;
}

export async function getSealedComplainant(db: Conn, id: number): Promise<{ name: string | null; contact: string | null }> {
  const r = await db.selectFrom('complaint_cases').select(['complainant_name_enc', 'complainant_contact_enc']).where('id', '=', id).executeTakeFirstOrThrow();
  return { name: r.complainant_name_enc, contact: r.complainant_contact_enc };
}

export type CaseUpdate = Partial<Omit<NewCaseRow, 'batch_id'>>;

/** Optimistic update: applies only at `expectedVersion`, else VERSION_CONFLICT carrying the current case. */
export async function updateCase(db: Conn, id: number, expectedVersion: number, fields: CaseUpdate): Promise<ComplaintCase> {
  const res = await db.updateTable('complaint_cases')
    .set((eb) => ({ ...fields, updated_at: nowIso(), version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    const current = await getCaseById(db, id);
    throw new AppError('VERSION_CONFLICT', '该信访件已被他人修改，请刷新后查看最新内容再提交', { current });
  }
  return getCaseById(db, id);
}

/** Which of these original ids already exist among the inspection's cases (a case is handed over once). */
export async function findExistingCaseNos(db: Conn, inspectionId: number, caseNos: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < caseNos.length; i += CHUNK) {
    const rows = await db.selectFrom('complaint_cases as c').innerJoin('complaint_batches as b', 'b.id', 'c.batch_id')
      .select('c.case_no').where('b.inspection_id', '=', inspectionId).where('c.case_no', 'in', caseNos.slice(i, i + CHUNK)).execute();
    for (const r of rows) found.add(r.case_no);
  }
  return found;
}

export interface RepeatCandidate { id: number; caseNo: string; orgUnitId: number; targetKey: string | null; content: string }

/**
 * Earlier cases a new one may repeat: every case naming one of the targets, and each unit's latest `perUnit` cases
 * (text similarity is judged within a unit; older ones there rarely matter and would make imports quadratic).
 */
export async function listRepeatCandidates(db: Conn, targetKeys: readonly string[], orgUnitIds: readonly number[], perUnit: number): Promise<RepeatCandidate[]> {
  const byId = new Map<number, RepeatCandidate>();
  const map = (r: { id: number; case_no: string; org_unit_id: number; target_key: string | null; content: string }) =>
    byId.set(r.id, { id: r.id, caseNo: r.case_no, orgUnitId: r.org_unit_id, targetKey: r.target_key, content: r.content });
  for (let i = 0; i < targetKeys.length; i += CHUNK) {
    const rows = await db.selectFrom('complaint_cases').select(['id', 'case_no', 'org_unit_id', 'target_key', 'content'])
      .where('target_key', 'in', targetKeys.slice(i, i + CHUNK)).execute();
    rows.forEach(map);
  }
  for (const orgUnitId of orgUnitIds) {
    const rows = await db.selectFrom('complaint_cases').select(['id', 'case_no', 'org_unit_id', 'target_key', 'content'])
      .where('org_unit_id', '=', orgUnitId).orderBy('id', 'desc').limit(perUnit).execute();
    rows.forEach(map);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export async function listRepeatsOf(db: Conn, caseId: number): Promise<{ id: number; caseNo: string; orgUnitId: number }[]> {
  const rows = await db.selectFrom('complaint_cases').select(['id', 'case_no', 'org_unit_id']).where('repeat_of_case_id', '=', caseId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, caseNo: r.case_no, orgUnitId: r.org_unit_id }));
}

/** Marks the batch's cases as published (those present now; cases added later wait for the next publication). */
export async function markBatchCasesPublished(db: Conn, batchId: number): Promise<void> {
  await db.updateTable('complaint_cases').set({ is_published: 1 }).where('batch_id', '=', batchId).execute();
}

/** The sealed name and contact of many cases at once (for redacting their texts), by case id. */
export async function listSealedComplainants(db: Conn, ids: readonly number[]): Promise<Map<number, { name: string | null; contact: string | null }>> {
  const out = new Map<number, { name: string | null; contact: string | null }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.selectFrom('complaint_cases').select(['id', 'complainant_name_enc', 'complainant_contact_enc'])
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .where((eb) => eb.or([eb('complainant_name_enc', 'is not', null), eb('complainant_contact_enc', 'is not', null)])).execute();
    for (const r of rows) out.set(r.id, { name: r.complainant_name_enc, contact: r.complainant_contact_enc });
  }
  return out;
}

export interface CaseEvidence { id: number; sha256: string; size: number; mediaType: string; originalName: string; uploadedAt: string }

export async function listCaseEvidence(db: Conn, caseId: number): Promise<CaseEvidence[]> {
  const rows = await db.selectFrom('evidence_files').selectAll().where('owner_type', '=', 'case').where('owner_id', '=', caseId).orderBy('uploaded_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, sha256: r.sha256, size: r.size, mediaType: r.media_type, originalName: r.original_name, uploadedAt: r.uploaded_at }));
}
