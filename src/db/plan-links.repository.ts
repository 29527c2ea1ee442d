/** Plans linked across levels (migration 010): parent plan and task links, remembered unit aliases, linked tasks. */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import { recordAssignmentStates } from './state-history.repository.js';
import type { UnitCandidate } from '../core/unit-names.js';
import type { ScheduleStatus, WarningColor } from '../core/schedule.js';

/** Units in a subtree, each with the names of its ancestors from the root down (for short-form matching). */
export async function listUnitCandidates(db: Conn, underPath: string): Promise<(UnitCandidate & { path: string })[]> {
  const rows = await db.selectFrom('org_units').select(['id', 'name', 'kind', 'path']).where('path', 'like', `${underPath}%`).orderBy('path').execute();
  const ids = [...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean).map(Number)))];
  const names = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', ids.slice(i, i + 500)).execute()) names.set(r.id, r.name);
  }
  return rows.map((r) => ({
    id: r.id, name: r.name, kind: r.kind, path: r.path,
    ancestors: r.path.split('/').filter(Boolean).map(Number).filter((id) => id !== r.id).map((id) => names.get(id) ?? ''),
  }));
}

/** The aliases remembered for a unit's tables: normalized name → unit id. */
export async function listUnitAliases(db: Conn, scopeOrgId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('unit_aliases').select(['alias', 'org_unit_id']).where('scope_org_id', '=', scopeOrgId).execute();
  return new Map(rows.map((r) => [r.alias, r.org_unit_id]));
}

/** Remembers (or re-points) an alias; returns the unit it pointed at before, if any. */
export async function saveUnitAlias(db: Conn, a: { scopeOrgId: number; alias: string; orgUnitId: number; createdBy: number | null }): Promise<number | null> {
  const found = await db.selectFrom('unit_aliases').select(['id', 'org_unit_id']).where('scope_org_id', '=', a.scopeOrgId).where('alias', '=', a.alias).executeTakeFirst();
  if (found) {
    if (found.org_unit_id !== a.orgUnitId) await db.updateTable('unit_aliases').set({ org_unit_id: a.orgUnitId }).where('id', '=', found.id).execute();
    return found.org_unit_id;
  }
  await db.insertInto('unit_aliases').values({ scope_org_id: a.scopeOrgId, alias: a.alias, org_unit_id: a.orgUnitId, created_by: a.createdBy, created_at: nowIso() }).execute();
  return null;
}

export async function getPlanParentId(db: Conn, planId: number): Promise<number | null> {
  const r = await db.selectFrom('plans').select('parent_plan_id').where('id', '=', planId).executeTakeFirst();
  return r?.parent_plan_id ?? null;
}

export async function setPlanParent(db: Conn, planId: number, parentPlanId: number | null): Promise<void> {
  await db.updateTable('plans').set({ parent_plan_id: parentPlanId }).where('id', '=', planId).execute();
}

/** The nearest plan of the same inspection owned by an ancestor of the unit (the plan a city's plan carries out). */
export async function findNearestAncestorPlan(db: Conn, inspectionId: number, ancestorIds: readonly number[]): Promise<{ id: number; ownerOrgId: number } | undefined> {
  if (ancestorIds.length === 0) return undefined;
  const rows = await db.selectFrom('plans').select(['id', 'owner_org_id']).where('inspection_id', '=', inspectionId).where('owner_org_id', 'in', [...ancestorIds]).execute();
  for (const id of [...ancestorIds].reverse()) {
    const r = rows.find((p) => p.owner_org_id === id);
    if (r) return { id: r.id, ownerOrgId: r.owner_org_id };
  }
  return undefined;
}

/** Parent task ids of a plan's tasks, by task id. */
export async function listTaskParents(db: Conn, planId: number): Promise<Map<number, number | null>> {
  const rows = await db.selectFrom('tasks').select(['id', 'parent_task_id']).where('plan_id', '=', planId).execute();
  return new Map(rows.map((r) => [r.id, r.parent_task_id]));
}

export async function setTaskParent(db: Conn, taskId: number, parentTaskId: number | null): Promise<void> {
  await db.updateTable('tasks').set({ parent_task_id: parentTaskId }).where('id', '=', taskId).execute();
}

/** Top-level shares of a plan's tasks: (task, unit) pairs with their ids and versions. */
export async function listTopShares(db: Conn, planId: number): Promise<{ id: number; taskId: number; orgUnitId: number; version: number; isClosed: boolean; closedAt: string | null }[]> {
  const rows = await db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id')
    .select(['a.id', 'a.task_id', 'a.org_unit_id', 'a.version', 'a.is_closed', 'a.closed_at']).where('t.plan_id', '=', planId).where('a.parent_id', 'is', null).orderBy('a.id').execute();
  return rows.map((r) => ({ id: r.id, taskId: r.task_id, orgUnitId: r.org_unit_id, version: r.version, isClosed: r.is_closed === 1, closedAt: r.closed_at }));
}

export interface LinkedTaskRow {
  taskId: number; code: string; number: number | null; problem: string; planId: number; ownerOrgId: number; ownerOrgName: string; ownerOrgKind: string;
  shares: { assignmentId: number; orgUnitId: number; orgUnitName: string; status: ScheduleStatus; warning: WarningColor; reason: string | null; isCompleted: boolean }[];
}

/**
 * The tasks of lower plans that carry out a task, whose plan owner lies inside the given subtrees, with their
 * top-level shares' computed state.
 */
export async function listLinkedTasks(db: Conn, parentTaskId: number, scopePaths: readonly string[]): Promise<LinkedTaskRow[]> {
  if (scopePaths.length === 0) return [];
  const tasks = await db.selectFrom('tasks as t').innerJoin('plans as p', 'p.id', 't.plan_id').innerJoin('org_units as o', 'o.id', 'p.owner_org_id')
    .select(['t.id', 't.code', 't.number', 't.problem', 't.plan_id', 'p.owner_org_id', 'o.name', 'o.kind'])
    .where('t.parent_task_id', '=', parentTaskId)
    .where((eb) => eb.or(scopePaths.map((p) => eb('o.path', 'like', `${p}%`))))
    .orderBy('o.path').orderBy('t.sort_order').orderBy('t.id').execute();
  if (tasks.length === 0) return [];
  const shares = await db.selectFrom('assignments as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .select(['a.id', 'a.task_id', 'a.org_unit_id', 'o.name', 'a.schedule_status', 'a.override_status', 'a.warning', 'a.warning_reason', 'a.is_completed', 'a.is_closed'])
    .where('a.task_id', 'in', tasks.map((t) => t.id)).where('a.parent_id', 'is', null).orderBy('a.id').execute();
  return tasks.map((t) => ({
    taskId: t.id, code: t.code, number: t.number, problem: t.problem, planId: t.plan_id, ownerOrgId: t.owner_org_id, ownerOrgName: t.name, ownerOrgKind: t.kind,
    shares: shares.filter((s) => s.task_id === t.id).map((s) => ({
      assignmentId: s.id, orgUnitId: s.org_unit_id, orgUnitName: s.name,
      status: ((s.is_closed ? 'closed' : s.is_completed ? 'completed' : s.override_status ?? s.schedule_status) ?? 'unknown') as ScheduleStatus,
      warning: (s.warning ?? 'green') as WarningColor, reason: s.warning_reason, isCompleted: s.is_completed === 1 || s.is_closed === 1,
    })),
  }));
}

/** The task a task carries out, with its plan's owner (for "对应省任务9"). */
export async function findParentTask(db: Conn, taskId: number): Promise<{ taskId: number; code: string; problem: string; planId: number; ownerOrgName: string; ownerOrgKind: string; ownerOrgPath: string } | undefined> {
  const r = await db.selectFrom('tasks as c').innerJoin('tasks as t', 't.id', 'c.parent_task_id').innerJoin('plans as p', 'p.id', 't.plan_id').innerJoin('org_units as o', 'o.id', 'p.owner_org_id')
    .select(['t.id', 't.code', 't.problem', 't.plan_id', 'o.name', 'o.kind', 'o.path']).where('c.id', '=', taskId).executeTakeFirst();
  return r && { taskId: r.id, code: r.code, problem: r.problem, planId: r.plan_id, ownerOrgName: r.name, ownerOrgKind: r.kind, ownerOrgPath: r.path };
}

/**
 * For each assignment, the numbers of the other levels' tasks linked to its task: the higher task it carries out, and
 * the lower plans' tasks carrying it out (whose plan owner lies under `underPath`), with their plan owners.
 */
export async function listOtherLevelCodes(db: Conn, assignmentIds: readonly number[], underPath: string): Promise<Map<number, { ownerName: string; ownerKind: string; code: string; sortOrder: number }[]>> {
  const out = new Map<number, { ownerName: string; ownerKind: string; code: string; sortOrder: number }[]>();
  for (let i = 0; i < assignmentIds.length; i += 500) {
    const ids = assignmentIds.slice(i, i + 500);
    const up = await db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('tasks as h', 'h.id', 't.parent_task_id')
      .innerJoin('plans as p', 'p.id', 'h.plan_id').innerJoin('org_units as o', 'o.id', 'p.owner_org_id')
      .select(['a.id', 'h.code', 'h.sort_order', 'o.name', 'o.kind']).where('a.id', 'in', ids).execute();
    const down = await db.selectFrom('assignments as a').innerJoin('tasks as c', 'c.parent_task_id', 'a.task_id')
      .innerJoin('plans as p', 'p.id', 'c.plan_id').innerJoin('org_units as o', 'o.id', 'p.owner_org_id')
      .select(['a.id', 'c.code', 'c.sort_order', 'o.name', 'o.kind']).where('a.id', 'in', ids).where('o.path', 'like', `${underPath}%`)
      .orderBy('o.path').orderBy('c.sort_order').execute();
    for (const r of [...up, ...down]) out.set(r.id, [...(out.get(r.id) ?? []), { ownerName: r.name, ownerKind: r.kind, code: r.code, sortOrder: r.sort_order }]);
  }
  return out;
}

/** The measures of a new share, in one statement (a new share has no measures or milestones to keep). */
export async function insertShareMeasures(db: Conn, assignmentId: number, texts: readonly string[]): Promise<void> {
  if (texts.length === 0) return;
  const now = nowIso();
  await db.insertInto('measures').values(texts.map((text, i) => ({
    assignment_id: assignmentId, ordinal: i + 1, sort_order: i, text, items: '[]', created_at: now, updated_at: now,
  }))).execute();
  await recordAssignmentStates(db, [assignmentId]);
}

/**
 * A plan task's new top-level share, its id only: a plan import writes hundreds and reads them all back at once in the
 * schedule refresh that follows, rather than one by one here.
 */
export async function insertPlanShare(db: Conn, s: {
  taskId: number; orgUnitId: number; deadlineKind: string; deadlineDate: string | null; isLongTerm: boolean; responsiblePerson: string | null; searchText: string;
}): Promise<number> {
  const now = nowIso();
  const { id } = await db.insertInto('assignments').values({
    task_id: s.taskId, org_unit_id: s.orgUnitId, parent_id: null, deadline_kind: s.deadlineKind, deadline_date: s.deadlineDate, is_long_term: s.isLongTerm ? 1 : 0,
    responsible_person: s.responsiblePerson, search_text: s.searchText, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}
