/** Quarterly revisit draws (复查回访抽查) with the population they were drawn from, and the revisits themselves. */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import { AppError } from '../core/errors.js';

export interface RevisitDraw {
  id: number; quarter: string; scopeOrgId: number; seed: string; share: number; drawnAt: string; drawnBy: number | null;
  /** [caseId, orgUnitId] pairs, as drawn from. */
  population: [number, number][];
  /** Top-ups as more cases were handled: each with the population it was made from and the cases it added. */
  topUps: RevisitTopUp[];
}

export interface RevisitTopUp { at: string; population: [number, number][]; added: number[] }

export interface Revisit {
  id: number; drawId: number; caseId: number; visitedAt: string | null; method: string | null; finding: string | null;
  satisfaction: string | null; relapsed: boolean | null; recordedAt: string | null;
}

/** Handled cases of the subtree whose handling date (done_at, YYYY-MM-DD…) falls within [from, to]. */
export async function listHandledCases(db: Conn, orgPath: string, from: string, to: string): Promise<{ caseId: number; orgUnitId: number }[]> {
  const rows = await db.selectFrom('complaint_cases as c')
    .where('c.org_unit_id', 'in', (eb) => eb.selectFrom('org_units as o').select('o.id').where('o.path', 'like', `${orgPath}%`))
    .where('c.state', 'in', ['done', 'closed']).where('c.done_at', '>=', from).where('c.done_at', '<', `${to}~`)
    .select(['c.id', 'c.org_unit_id']).orderBy('c.id').execute();
  return rows.map((r) => ({ caseId: r.id, orgUnitId: r.org_unit_id }));
}

export async function findDraw(db: Conn, scopeOrgId: number, quarter: string): Promise<RevisitDraw | undefined> {
  const r = await db.selectFrom('revisit_draws').selectAll().where('scope_org_id', '=', scopeOrgId).where('quarter', '=', quarter).executeTakeFirst();
  return r && toDraw(r);
}

function toDraw(r: { id: number; quarter: string; scope_org_id: number; seed: string; share: number; drawn_at: string; drawn_by: number | null; population: string; top_ups: string }): RevisitDraw {
  return {
    id: r.id, quarter: r.quarter, scopeOrgId: r.scope_org_id, seed: r.seed, share: r.share, drawnAt: r.drawn_at, drawnBy: r.drawn_by,
    population: JSON.parse(r.population) as [number, number][], topUps: JSON.parse(r.top_ups) as RevisitTopUp[],
  };
}

/** Adds a top-up's revisits and records it on the draw (the caller's transaction). */
export async function insertTopUp(db: Conn, drawId: number, topUp: Omit<RevisitTopUp, 'at'>): Promise<void> {
  const draw = await getDrawById(db, drawId);
  const all = [...draw.topUps, { at: nowIso(), ...topUp }];
  await db.updateTable('revisit_draws').set({ top_ups: JSON.stringify(all) }).where('id', '=', drawId).execute();
  for (let i = 0; i < topUp.added.length; i += 500) {
    await db.insertInto('revisits').values(topUp.added.slice(i, i + 500).map((caseId) => ({ draw_id: drawId, case_id: caseId }))).execute();
  }
}

export async function getDrawById(db: Conn, id: number): Promise<RevisitDraw> {
  const r = await db.selectFrom('revisit_draws').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的复查回访抽查`);
  return toDraw(r);
}

export async function insertDraw(db: Conn, input: Omit<RevisitDraw, 'id' | 'drawnAt' | 'topUps'>, caseIds: readonly number[]): Promise<RevisitDraw> {
  const { id } = await db.insertInto('revisit_draws').values({
    quarter: input.quarter, scope_org_id: input.scopeOrgId, seed: input.seed, share: input.share, drawn_at: nowIso(), drawn_by: input.drawnBy,
    population: JSON.stringify(input.population),
  }).returning('id').executeTakeFirstOrThrow();
  for (let i = 0; i < caseIds.length; i += 500) {
    await db.insertInto('revisits').values(caseIds.slice(i, i + 500).map((caseId) => ({ draw_id: id, case_id: caseId }))).execute();
  }
  return getDrawById(db, id);
}

export async function listDraws(db: Conn, scopePaths: readonly string[]): Promise<(Omit<RevisitDraw, 'population'> & { scopeOrgName: string; populationSize: number; drawn: number; visited: number })[]> {
  if (scopePaths.length === 0) return [];
  const rows = await db.selectFrom('revisit_draws as d').innerJoin('org_units as o', 'o.id', 'd.scope_org_id')
    .where((eb) => eb.or(scopePaths.map((p) => eb('o.path', 'like', `${p}%`))))
    .selectAll('d').select('o.name as org_name')
    .select((eb) => [
      eb.selectFrom('revisits as r').whereRef('r.draw_id', '=', 'd.id').select((e) => e.fn.countAll().as('n')).as('drawn'),
      eb.selectFrom('revisits as r').whereRef('r.draw_id', '=', 'd.id').where('r.visited_at', 'is not', null).select((e) => e.fn.countAll().as('n')).as('visited'),
    ])
    .orderBy('d.quarter', 'desc').orderBy('d.id', 'desc').execute();
  return rows.map((r) => {
    const { population, ...draw } = toDraw(r);
    return { ...draw, scopeOrgName: r.org_name, populationSize: population.length, drawn: Number(r.drawn ?? 0), visited: Number(r.visited ?? 0) };
  });
}

type RevisitRow = { id: number; draw_id: number; case_id: number; visited_at: string | null; method: string | null; finding: string | null; satisfaction: string | null; relapsed: number | null; recorded_at: string | null };
function toRevisit(r: RevisitRow): Revisit {
  return {
    id: r.id, drawId: r.draw_id, caseId: r.case_id, visitedAt: r.visited_at, method: r.method, finding: r.finding, satisfaction: r.satisfaction,
    relapsed: r.relapsed === null ? null : r.relapsed === 1, recordedAt: r.recorded_at,
  };
}

export async function listRevisits(db: Conn, filter: { drawId?: number; caseId?: number }): Promise<(Revisit & { caseNo: string; orgUnitId: number })[]> {
  let q = db.selectFrom('revisits as r').innerJoin('complaint_cases as c', 'c.id', 'r.case_id').selectAll('r').select(['c.case_no', 'c.org_unit_id']);
  if (filter.drawId !== undefined) q = q.where('r.draw_id', '=', filter.drawId);
  if (filter.caseId !== undefined) q = q.where('r.case_id', '=', filter.caseId);
  const rows = await q.orderBy('c.org_unit_id').orderBy('r.case_id').execute();
  return rows.map((r) => ({ ...toRevisit(r), caseNo: r.case_no, orgUnitId: r.org_unit_id }));
}

export async function getRevisitById(db: Conn, id: number): Promise<Revisit> {
  const r = await db.selectFrom('revisits').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的复查回访`);
  return toRevisit(r);
}

export async function updateRevisit(db: Conn, id: number, fields: Pick<Revisit, 'visitedAt' | 'method' | 'finding' | 'satisfaction' | 'relapsed'>, by: number | null): Promise<Revisit> {
  await db.updateTable('revisits').set({
    visited_at: fields.visitedAt, method: fields.method, finding: fields.finding, satisfaction: fields.satisfaction,
    relapsed: fields.relapsed === null ? null : fields.relapsed ? 1 : 0, recorded_by: by, recorded_at: nowIso(),
  }).where('id', '=', id).execute();
  return getRevisitById(db, id);
}
