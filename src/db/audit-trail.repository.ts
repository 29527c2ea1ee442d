/**
 * The audit trail as administrators read it, newest first, a page at a time by id. An event is visible when the
 * unit it concerns (or, for older events, the unit of its assignment) is in the reader's subtrees; events tied to
 * no unit at all (sign-ins, tokens) only to administrators of a whole tree. Each event comes with the names a
 * person reads it by (who, from which unit; which task, case, round…), looked up for the page in a few batched reads.
 */
import type { AuditSubject } from '../core/audit-subject.js';
import { sql } from 'kysely';
import type { Conn } from './database.js';
import type { AuditEvent } from './audit.repository.js';

export interface AuditFilter {
  scopePaths: readonly string[];
  includeUnscoped: boolean;
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: number;
  assignmentId?: number;
  /** Only events concerning this unit path and below (the unit filter, already checked to be in scope). */
  unitPath?: string;
  /** ISO instants: at >= from, at < to. */
  from?: string;
  to?: string;
  beforeId?: number;
  limit: number;
}

export interface AuditRecord extends AuditEvent {
  orgUnitId: number | null;
  orgUnitName: string | null;
  actorDisplayName: string | null;
  actorUnitName: string | null;
  subject: AuditSubject;
}

type Row = AuditEvent & { orgUnitId: number | null };

export async function findAuditPage(db: Conn, f: AuditFilter): Promise<AuditRecord[]> {
  if (f.scopePaths.length === 0) return [];
  const under = (col: string, paths: readonly string[]) => sql.join(paths.map((p) => sql`${sql.ref(col)} LIKE ${`${p}%`}`), sql` OR `);
  const unitOf = (paths: readonly string[]) => sql<boolean>`((${under('ou.path', paths)}) OR (e.org_unit_id IS NULL AND (${under('ao.path', paths)})))`;
  let q = db.selectFrom('audit_events as e')
    .leftJoin('org_units as ou', 'ou.id', 'e.org_unit_id')
    .leftJoin('assignments as a', 'a.id', 'e.assignment_id')
    .leftJoin('org_units as ao', 'ao.id', 'a.org_unit_id')
    .where(sql<boolean>`(${unitOf(f.scopePaths)}
      OR (${f.includeUnscoped ? sql`1 = 1` : sql`1 = 0`} AND e.org_unit_id IS NULL AND e.assignment_id IS NULL))`);
  if (f.unitPath) q = q.where(unitOf([f.unitPath]));
  if (f.entityType) q = q.where('e.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('e.entity_id', '=', f.entityId);
  if (f.action) q = q.where('e.action', '=', f.action);
  if (f.actorId) q = q.where('e.actor_id', '=', f.actorId);
  if (f.assignmentId) q = q.where('e.assignment_id', '=', f.assignmentId);
  if (f.from) q = q.where('e.at', '>=', f.from);
  if (f.to) q = q.where('e.at', '<', f.to);
  if (f.beforeId) q = q.where('e.id', '<', f.beforeId);
  const rows = await q.selectAll('e').orderBy('e.id', 'desc').limit(f.limit).execute();
  const events: Row[] = rows.map((r) => ({
    id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
    assignmentId: r.assignment_id, orgUnitId: r.org_unit_id,
    before: r.before === null ? null : JSON.parse(r.before) as unknown, after: r.after === null ? null : JSON.parse(r.after) as unknown,
  }));
  return nameEvents(db, events);
}

const ids = (values: readonly (number | null | undefined)[]) => [...new Set(values.filter((v): v is number => typeof v === 'number' && Number.isSafeInteger(v)))];
const idOf = (e: Row) => (/^\d+$/.test(e.entityId) ? Number(e.entityId) : null);
/** The assignment an event concerns: its own column, or the record itself (a listing or accountability of a share). */
const shareOf = (e: Row) => e.assignmentId ?? (e.entityType === 'assignment' ? idOf(e) : null);
/** Entity types (as events write them) → the kind of page they link to. */
const KINDS: Record<string, AuditSubject['kind']> = {
  case: 'case', task: 'task', reporting_round: 'round', plan: 'plan', user: 'user', org_unit: 'org_unit', inspection: 'inspection',
  case_batch: 'case_batch', published_report: 'published_report',
};

async function lookup<T extends { id: number }>(list: number[], read: (list: number[]) => Promise<T[]>): Promise<Map<number, T>> {
  return list.length ? new Map((await read(list)).map((r) => [r.id, r])) : new Map();
}

/** The names of the page's actors, units and subjects, each kind in one read. */
async function nameEvents(db: Conn, events: Row[]): Promise<AuditRecord[]> {
  const byKind = (kind: string) => ids(events.filter((e) => KINDS[e.entityType] === kind).map(idOf));
  // A closure without an assignment is a case's (the other kind of closure subject).
  const closureIds = ids(events.filter((e) => e.entityType === 'closure' && e.assignmentId === null).map(idOf));
  const closures = await lookup(closureIds, (l) => db.selectFrom('closures').select(['id', 'subject_type', 'subject_id']).where('id', 'in', l).execute());
  const caseIds = ids([...byKind('case'), ...[...closures.values()].filter((c) => c.subject_type === 'case').map((c) => c.subject_id)]);
  const actorIds = ids(events.map((e) => e.actorId));
  const [assignments, cases, rounds, plans, users, actors, units, inspections, batches, reports, tasks] = await Promise.all([
    lookup(ids(events.map(shareOf)), (l) => db.selectFrom('assignments as a').innerJoin('tasks as t', 't.id', 'a.task_id').innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
      .select(['a.id', 't.code', 'o.name']).where('a.id', 'in', l).execute()),
    lookup(caseIds, (l) => db.selectFrom('complaint_cases as c').innerJoin('org_units as o', 'o.id', 'c.org_unit_id').select(['c.id', 'c.case_no', 'o.name']).where('c.id', 'in', l).execute()),
    lookup(byKind('round'), (l) => db.selectFrom('reporting_rounds').select(['id', 'name']).where('id', 'in', l).execute()),
    lookup(byKind('plan'), (l) => db.selectFrom('plans').select(['id', 'title']).where('id', 'in', l).execute()),
    lookup(byKind('user'), (l) => db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', l).execute()),
    lookup(actorIds, (l) => db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', l).execute()),
    lookup(ids([...events.map((e) => e.orgUnitId), ...byKind('org_unit')]), (l) => db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', l).execute()),
    lookup(byKind('inspection'), (l) => db.selectFrom('inspections').select(['id', 'name']).where('id', 'in', l).execute()),
    lookup(byKind('case_batch'), (l) => db.selectFrom('complaint_batches').select(['id', 'batch_no']).where('id', 'in', l).execute()),
    lookup(byKind('published_report'), (l) => db.selectFrom('published_reports').select(['id', 'title']).where('id', 'in', l).execute()),
    lookup(byKind('task'), (l) => db.selectFrom('tasks as t').innerJoin('plans as p', 'p.id', 't.plan_id').select(['t.id', 't.code', 't.plan_id', 'p.title']).where('t.id', 'in', l).execute()),
  ]);
  // An actor's unit: the unit of their first role (the one they were created with).
  const actorUnits = new Map<number, string>();
  if (actorIds.length) {
    const ms = await db.selectFrom('memberships as m').innerJoin('org_units as o', 'o.id', 'm.org_unit_id')
      .select(['m.user_id', 'o.name']).where('m.user_id', 'in', actorIds).orderBy('m.id').execute();
    for (const m of ms) if (!actorUnits.has(m.user_id)) actorUnits.set(m.user_id, m.name);
  }

  return events.map((e) => {
    const id = idOf(e);
    const none: AuditSubject = { kind: 'other', id, name: null, taskCode: null, unitName: null };
    const shareId = shareOf(e);
    const share = shareId === null ? undefined : assignments.get(shareId);
    const closureCase = e.entityType === 'closure' && id !== null ? closures.get(id) : undefined;
    const caseId = e.entityType === 'case' ? id : closureCase?.subject_type === 'case' ? closureCase.subject_id : null;
    const kind = KINDS[e.entityType];
    let subject: AuditSubject = none;
    if (share) subject = { kind: 'assignment', id: shareId, name: null, taskCode: share.code, unitName: share.name };
    else if (caseId !== null) {
      const c = cases.get(caseId);
      subject = { kind: 'case', id: caseId, name: c?.case_no ?? null, taskCode: null, unitName: c?.name ?? null };
    } else if (kind === 'task' && id !== null) {
      // A task links to its plan's page, where the task is listed.
      const task = tasks.get(id);
      subject = { kind: 'task', id: task?.plan_id ?? null, name: task?.title ?? null, taskCode: task?.code ?? null, unitName: null };
    } else if (kind && id !== null) {
      const name = kind === 'round' ? rounds.get(id)?.name : kind === 'plan' ? plans.get(id)?.title : kind === 'user' ? users.get(id)?.display_name
        : kind === 'org_unit' ? units.get(id)?.name : kind === 'inspection' ? inspections.get(id)?.name
          : kind === 'case_batch' ? batches.get(id)?.batch_no : kind === 'published_report' ? reports.get(id)?.title : undefined;
      subject = { kind, id, name: name ?? null, taskCode: null, unitName: null };
    }
    return {
      ...e,
      orgUnitName: e.orgUnitId === null ? null : units.get(e.orgUnitId)?.name ?? null,
      actorDisplayName: e.actorId === null ? null : actors.get(e.actorId)?.display_name ?? null,
      actorUnitName: e.actorId === null ? null : actorUnits.get(e.actorId) ?? null,
      subject,
    };
  });
}
