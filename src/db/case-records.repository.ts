/**
 * What a case (or a task's assignment) accumulates besides its own row: penalties and measures (处理处罚), listed
 * supervision (挂牌督办) and its delisting (摘牌), and accountability records (问责). Lists are JSON text.
 */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';
import type { ListingLevel, ListingReason, PenaltyKind, SubjectType } from '../core/case.js';
import type { AccountabilityMeasure } from '../core/supervision.js';

const list = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);

export interface CasePenalty { id: number; caseId: number; kind: PenaltyKind; amount: number | null; persons: string[]; note: string | null; createdAt: string }

export async function insertPenalty(db: Conn, input: Omit<CasePenalty, 'id' | 'createdAt'>): Promise<CasePenalty> {
  const createdAt = nowIso();
  const { id } = await db.insertInto('case_penalties').values({
    case_id: input.caseId, kind: input.kind, amount: input.amount, persons: input.persons.length ? JSON.stringify(input.persons) : null, note: input.note, created_at: createdAt,
  }).returning('id').executeTakeFirstOrThrow();
  return { ...input, id, createdAt };
}

export async function listPenalties(db: Conn, caseIds: readonly number[]): Promise<CasePenalty[]> {
  if (caseIds.length === 0) return [];
  const rows = await db.selectFrom('case_penalties').selectAll().where('case_id', 'in', [...caseIds]).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, kind: r.kind as PenaltyKind, amount: r.amount, persons: list(r.persons), note: r.note, createdAt: r.created_at }));
}

/** Deletes one penalty of the case; false when it is not there. */
export async function deletePenalty(db: Conn, caseId: number, penaltyId: number): Promise<boolean> {
  const res = await db.deleteFrom('case_penalties').where('id', '=', penaltyId).where('case_id', '=', caseId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export interface Listing {
  id: number; subjectType: SubjectType; subjectId: number; level: ListingLevel; reason: ListingReason; measures: string | null;
  deadline: string | null; listedAt: string; listedBy: number | null; delistedAt: string | null; delistedBy: number | null; delistDecision: string | null;
  /** The unit that listed it (migration 017). */
  listedOrgId: number | null;
  /** Why it was delisted before its subject was 办结 (given by the listing level); null when delisted after. */
  delistReason: string | null;
}

type ListingRow = { id: number; subject_type: string; subject_id: number; level: string; reason: string; measures: string | null; deadline: string | null;
  listed_at: string; listed_by: number | null; delisted_at: string | null; delisted_by: number | null; delist_decision: string | null;
  listed_org_id: number | null; delist_reason: string | null };

function toListing(r: ListingRow): Listing {
  return {
    id: r.id, subjectType: r.subject_type as SubjectType, subjectId: r.subject_id, level: r.level as ListingLevel, reason: r.reason as ListingReason,
    measures: r.measures, deadline: r.deadline, listedAt: r.listed_at, listedBy: r.listed_by, delistedAt: r.delisted_at,
    delistedBy: r.delisted_by, delistDecision: r.delist_decision, listedOrgId: r.listed_org_id, delistReason: r.delist_reason,
  };
}

export async function insertListing(db: Conn, input: Pick<Listing, 'subjectType' | 'subjectId' | 'level' | 'reason' | 'measures' | 'deadline' | 'listedBy' | 'listedOrgId'>): Promise<Listing> {
  const { id } = await db.insertInto('supervision_listings').values({
    subject_type: input.subjectType, subject_id: input.subjectId, level: input.level, reason: input.reason,
    measures: input.measures, deadline: input.deadline, listed_at: nowIso(), listed_by: input.listedBy, listed_org_id: input.listedOrgId,
  }).returning('id').executeTakeFirstOrThrow();
  return getListingById(db, id);
}

export async function getListingById(db: Conn, id: number): Promise<Listing> {
  const r = await db.selectFrom('supervision_listings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的挂牌督办记录`);
  return toListing(r);
}

export async function listListingsOf(db: Conn, subjectType: SubjectType, subjectId: number): Promise<Listing[]> {
  const rows = await db.selectFrom('supervision_listings').selectAll().where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).orderBy('id').execute();
  return rows.map(toListing);
}

/** Records the delisting unless someone delisted first; false then. */
export async function delistListing(db: Conn, id: number, by: number | null, decision: string, reason: string | null): Promise<boolean> {
  const res = await db.updateTable('supervision_listings').set({ delisted_at: nowIso(), delisted_by: by, delist_decision: decision, delist_reason: reason })
    .where('id', '=', id).where('delisted_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export interface ListingWithSubject extends Listing { orgUnitId: number; orgUnitName: string; subjectLabel: string }

/** Listings whose subject (case or assignment) lies in the reader's scope, newest first; active ones only if asked. */
export async function listListings(db: Conn, scopePaths: readonly string[], opts: { active?: boolean; subjectType?: SubjectType }): Promise<ListingWithSubject[]> {
  if (scopePaths.length === 0) return [];
  const out: ListingWithSubject[] = [];
  if (opts.subjectType !== 'assignment') {
    let q = db.selectFrom('supervision_listings as s').innerJoin('complaint_cases as x', 'x.id', 's.subject_id').innerJoin('org_units as o', 'o.id', 'x.org_unit_id')
      .where('s.subject_type', '=', 'case').where((eb) => eb.or(scopePaths.map((p) => eb('o.path', 'like', `${p}%`))));
    if (opts.active) q = q.where('s.delisted_at', 'is', null);
    const rows = await q.selectAll('s').select(['x.org_unit_id', 'x.case_no as label', 'o.name as org_name']).execute();
    out.push(...rows.map((r) => ({ ...toListing(r), orgUnitId: r.org_unit_id, orgUnitName: r.org_name, subjectLabel: r.label })));
  }
  if (opts.subjectType !== 'case') {
    let q = db.selectFrom('supervision_listings as s').innerJoin('assignments as x', 'x.id', 's.subject_id').innerJoin('tasks as t', 't.id', 'x.task_id')
      .innerJoin('org_units as o', 'o.id', 'x.org_unit_id')
      .where('s.subject_type', '=', 'assignment').where((eb) => eb.or(scopePaths.map((p) => eb('o.path', 'like', `${p}%`))));
    if (opts.active) q = q.where('s.delisted_at', 'is', null);
    const rows = await q.selectAll('s').select(['x.org_unit_id', 't.code as label', 'o.name as org_name']).execute();
    out.push(...rows.map((r) => ({ ...toListing(r), orgUnitId: r.org_unit_id, orgUnitName: r.org_name, subjectLabel: `任务 ${r.label}` })));
  }
  return out.sort((a, b) => b.listedAt.localeCompare(a.listedAt) || b.id - a.id);
}

/** One person held accountable (问责), with the measure from the standard list; 其他 carries its own words. */
export interface AccountabilityRecord {
  id: number; subjectType: SubjectType; subjectId: number; person: string | null; position: string | null; unitName: string | null;
  measure: AccountabilityMeasure; measureOther: string | null; decidedAt: string | null; document: string | null; createdAt: string; createdBy: number | null;
}

export async function insertAccountability(db: Conn, input: Omit<AccountabilityRecord, 'id' | 'createdAt'>): Promise<AccountabilityRecord> {
  const createdAt = nowIso();
  const { id } = await db.insertInto('accountability_records').values({
    subject_type: input.subjectType, subject_id: input.subjectId, person: input.person, position: input.position, unit_name: input.unitName,
    measure: input.measure, measure_other: input.measureOther, decided_at: input.decidedAt, document: input.document, created_at: createdAt, created_by: input.createdBy,
  }).returning('id').executeTakeFirstOrThrow();
  return { ...input, id, createdAt };
}

export async function listAccountability(db: Conn, subjectType: SubjectType, subjectIds: readonly number[]): Promise<AccountabilityRecord[]> {
  if (subjectIds.length === 0) return [];
  const rows = await db.selectFrom('accountability_records').selectAll().where('subject_type', '=', subjectType).where('subject_id', 'in', [...subjectIds]).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, subjectType: r.subject_type as SubjectType, subjectId: r.subject_id, person: r.person, position: r.position, unitName: r.unit_name,
    measure: (r.measure ?? 'other') as AccountabilityMeasure, measureOther: r.measure_other, decidedAt: r.decided_at, document: r.document,
    createdAt: r.created_at, createdBy: r.created_by,
  }));
}
