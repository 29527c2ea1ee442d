/**
 * Closure procedures (验收销号) of any subject (assignment, case), their steps with the evidence each was decided on,
 * and objections (异议) received during the public notice.
 */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';
import { OPEN_CLOSURE_STATES, type AcceptanceStage, type ClosureState } from '../core/closure.js';
import type { AcceptanceLevel } from '../core/settings.js';
import type { ApprovedContent } from '../core/approval-form.js';

export interface Closure {
  id: number;
  subjectType: string;
  subjectId: number;
  state: ClosureState;
  level: AcceptanceLevel;
  acceptingOrgId: number | null;
  noticeStart: string | null;
  noticeEnd: string | null;
  longTermMechanism: string | null;
  reopenedFromId: number | null;
  /** The acceptance stages fixed at application (migration 013); empty for procedures older than it. */
  stages: AcceptanceStage[];
  /** How many stages have accepted. */
  stageIndex: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

type ClosureRow = { id: number; subject_type: string; subject_id: number; state: string; level: string; accepting_org_id: number | null; notice_start: string | null; notice_end: string | null; long_term_mechanism: string | null; reopened_from_id: number | null; created_at: string; updated_at: string; version: number; acceptance_stages: string; stage_index: number };
const toClosure = (r: ClosureRow): Closure => ({
  id: r.id, subjectType: r.subject_type, subjectId: r.subject_id, state: r.state as ClosureState, level: r.level as AcceptanceLevel,
  acceptingOrgId: r.accepting_org_id, noticeStart: r.notice_start, noticeEnd: r.notice_end, longTermMechanism: r.long_term_mechanism,
  reopenedFromId: r.reopened_from_id, stages: JSON.parse(r.acceptance_stages) as AcceptanceStage[], stageIndex: r.stage_index, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
});

export const closureNotFound = (id: number) => new AppError('CLOSURE_NOT_FOUND', `找不到编号为 ${id} 的验收销号记录`);

export async function getClosure(db: Conn, id: number): Promise<Closure> {
  const r = await db.selectFrom('closures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw closureNotFound(id);
  return toClosure(r);
}

/** The subject's procedure under way (applied … noticed, or reopened and not yet re-applied), if any. */
export async function findOpenClosure(db: Conn, subjectType: string, subjectId: number): Promise<Closure | undefined> {
  const r = await db.selectFrom('closures').selectAll().where('subject_type', '=', subjectType).where('subject_id', '=', subjectId)
    .where('state', 'in', [...OPEN_CLOSURE_STATES]).executeTakeFirst();
  return r && toClosure(r);
}

export async function listClosuresOfSubject(db: Conn, subjectType: string, subjectId: number): Promise<Closure[]> {
  return (await db.selectFrom('closures').selectAll().where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).orderBy('id', 'desc').execute()).map(toClosure);
}

export async function listClosuresReopening(db: Conn, closureId: number): Promise<Closure[]> {
  return (await db.selectFrom('closures').selectAll().where('reopened_from_id', '=', closureId).orderBy('id').execute()).map(toClosure);
}

/** Closures accepted by one of the units, optionally in some states, newest first. */
export async function listClosuresAcceptedBy(db: Conn, orgUnitIds: readonly number[], states?: readonly ClosureState[]): Promise<Closure[]> {
  if (orgUnitIds.length === 0) return [];
  let q = db.selectFrom('closures').selectAll().where('accepting_org_id', 'in', [...orgUnitIds]).orderBy('id', 'desc').limit(500);
  if (states?.length) q = q.where('state', 'in', [...states]);
  return (await q.execute()).map(toClosure);
}

export async function insertClosure(db: Conn, c: { subjectType: string; subjectId: number; state: ClosureState; level: AcceptanceLevel; acceptingOrgId: number | null; longTermMechanism: string | null; reopenedFromId: number | null; stages?: readonly AcceptanceStage[] }): Promise<number> {
  const now = nowIso();
  const { id } = await db.insertInto('closures').values({
    subject_type: c.subjectType, subject_id: c.subjectId, state: c.state, level: c.level, accepting_org_id: c.acceptingOrgId, acceptance_stages: JSON.stringify(c.stages ?? []),
    long_term_mechanism: c.longTermMechanism, reopened_from_id: c.reopenedFromId, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export interface ClosureUpdate {
  state?: ClosureState; level?: AcceptanceLevel; acceptingOrgId?: number | null; noticeStart?: string | null; noticeEnd?: string | null; longTermMechanism?: string | null;
  stages?: readonly AcceptanceStage[]; stageIndex?: number;
}

/** Applies at the version the client saw; VERSION_CONFLICT with the current closure otherwise. */
export async function updateClosure(db: Conn, id: number, expectedVersion: number, u: ClosureUpdate): Promise<Closure> {
  const res = await db.updateTable('closures').set((eb) => ({
    state: u.state, level: u.level, accepting_org_id: u.acceptingOrgId, notice_start: u.noticeStart, notice_end: u.noticeEnd,
    long_term_mechanism: u.longTermMechanism, acceptance_stages: u.stages === undefined ? undefined : JSON.stringify(u.stages), stage_index: u.stageIndex,
    updated_at: nowIso(), version: eb('version', '+', 1),
  })).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT', '该验收销号记录已被他人处理，请刷新后查看最新状态', { current: await getClosure(db, id) });
  return getClosure(db, id);
}

export interface EvidenceRef { id: number; sha256: string; name: string }
export interface ClosureStep { id: number; step: string; actorId: number | null; actorName: string | null; at: string; decision: string | null; comment: string | null; evidence: EvidenceRef[] }

/** `at` defaults to now; a step recorded afterwards carries the moment it was taken. */
export async function insertClosureStep(db: Conn, s: { closureId: number; step: string; actorId: number | null; decision: string | null; comment: string | null; evidence: readonly EvidenceRef[]; at?: string }): Promise<number> {
  const { id } = await db.insertInto('closure_steps').values({
    closure_id: s.closureId, step: s.step, actor_id: s.actorId, at: s.at ?? nowIso(), decision: s.decision, comment: s.comment, evidence_snapshot: JSON.stringify(s.evidence),
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function listClosureSteps(db: Conn, closureId: number): Promise<ClosureStep[]> {
  const rows = await db.selectFrom('closure_steps as s').leftJoin('users as u', 'u.id', 's.actor_id')
    .select(['s.id', 's.step', 's.actor_id', 'u.display_name', 's.at', 's.decision', 's.comment', 's.evidence_snapshot'])
    .where('s.closure_id', '=', closureId).orderBy('s.id').execute();
  return rows.map((r) => ({ id: r.id, step: r.step, actorId: r.actor_id, actorName: r.display_name, at: r.at, decision: r.decision, comment: r.comment, evidence: JSON.parse(r.evidence_snapshot) as EvidenceRef[] }));
}

export interface Objection { id: number; closureId: number; receivedAt: string; content: string; answer: string | null; answeredAt: string | null; answeredBy: number | null; upheld: boolean | null }
type ObjectionRow = { id: number; closure_id: number; received_at: string; content: string; answer: string | null; answered_at: string | null; answered_by: number | null; upheld: number | null };
const toObjection = (r: ObjectionRow): Objection => ({
  id: r.id, closureId: r.closure_id, receivedAt: r.received_at, content: r.content, answer: r.answer, answeredAt: r.answered_at, answeredBy: r.answered_by,
  upheld: r.upheld === null ? null : r.upheld === 1,
});

export async function insertObjection(db: Conn, o: { closureId: number; receivedAt: string; content: string }): Promise<number> {
  const { id } = await db.insertInto('objections').values({ closure_id: o.closureId, received_at: o.receivedAt, content: o.content }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function getObjection(db: Conn, id: number): Promise<Objection | undefined> {
  const r = await db.selectFrom('objections').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toObjection(r);
}

/** Records the answer unless the objection was answered meanwhile; returns whether this call answered it. */
export async function answerObjectionRow(db: Conn, id: number, a: { answer: string; upheld: boolean; answeredBy: number | null }): Promise<boolean> {
  const res = await db.updateTable('objections').set({ answer: a.answer, upheld: a.upheld ? 1 : 0, answered_by: a.answeredBy, answered_at: nowIso() })
    .where('id', '=', id).where('answered_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function listObjections(db: Conn, closureId: number): Promise<Objection[]> {
  return (await db.selectFrom('objections').selectAll().where('closure_id', '=', closureId).orderBy('id').execute()).map(toObjection);
}

export async function countOpenObjections(db: Conn, closureId: number): Promise<number> {
  const r = await db.selectFrom('objections').select((eb) => eb.fn.countAll().as('n')).where('closure_id', '=', closureId).where('answered_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Procedures in notice whose notice has ended (for the "ready to close" reminder). */
export async function listNoticesEndedBefore(db: Conn, date: string): Promise<Closure[]> {
  return (await db.selectFrom('closures').selectAll().where('state', '=', 'noticed').where('notice_end', '<', date).orderBy('id').execute()).map(toClosure);
}

/** The content frozen at 销号 (null before, and for closures made before migration 013). */
export async function getApprovedContent(db: Conn, closureId: number): Promise<ApprovedContent | null> {
  const r = await db.selectFrom('closures').select('approved_content').where('id', '=', closureId).executeTakeFirst();
  return r?.approved_content ? (JSON.parse(r.approved_content) as ApprovedContent) : null;
}

export async function setApprovedContent(db: Conn, closureId: number, content: ApprovedContent): Promise<void> {
  await db.updateTable('closures').set({ approved_content: JSON.stringify(content) }).where('id', '=', closureId).execute();
}

/** Sizes of evidence files by id (the dossier records id, hash and name). */
export async function evidenceSizes(db: Conn, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('evidence_files').select(['id', 'size']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.size]));
}
