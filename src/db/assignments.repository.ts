/** Assignments: a task's share at an org unit (city, county, department); they nest, parents follow children. */
import type { Conn } from './database.js';
import type { AssignmentRow } from './schema.js';
import { nowIso } from './clock.js';
import { recordAssignmentStates } from './state-history.repository.js';
import { AppError } from '../core/errors.js';
import type { DeadlineKind, ScheduleStatus, WarningColor } from '../core/schedule.js';
import type { StatusCode } from '../core/status.js';
import { parseReason, type Reason } from '../core/reason-text.js';
import type { Assignment } from '../core/api/assignments.js';

export function toAssignment(r: AssignmentRow): Assignment {
  return {
    id: r.id, taskId: r.task_id, orgUnitId: r.org_unit_id, parentId: r.parent_id, statusText: r.status_text,
    statusCode: r.status_code as StatusCode | null, isCompleted: r.is_completed === 1, isClosed: r.is_closed === 1,
    isLongTerm: r.is_long_term === 1, completedAt: r.completed_at, closedAt: r.closed_at,
    deadlineKind: r.deadline_kind as DeadlineKind, deadlineDate: r.deadline_date, responsiblePerson: r.responsible_person,
    scheduleStatus: r.schedule_status as ScheduleStatus | null, warning: r.warning as WarningColor | null,
    warningReason: r.warning_reason, warningReasonCode: parseReason(r.warning_reason_code), overrideStatus: r.override_status as ScheduleStatus | null,
    overrideReason: r.override_reason, overrideBy: r.override_by, overrideAt: r.override_at, latestProgress: r.latest_progress, updatedAt: r.updated_at, version: r.version,
  };
}

export interface AssignmentFields {
  parentId?: number | null;
  statusText?: string | null;
  statusCode?: StatusCode | null;
  isCompleted?: boolean;
  isClosed?: boolean;
  isLongTerm?: boolean;
  completedAt?: string | null;
  closedAt?: string | null;
  deadlineKind?: DeadlineKind;
  deadlineDate?: string | null;
  responsiblePerson?: string | null;
  scheduleStatus?: ScheduleStatus | null;
  warning?: WarningColor | null;
  warningReason?: string | null;
  warningReasonCode?: Reason | null;
  overrideStatus?: ScheduleStatus | null;
  overrideReason?: string | null;
  overrideBy?: number | null;
  overrideAt?: string | null;
  latestProgress?: string | null;
  searchText?: string;
}

const bool = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0);
function columns(f: AssignmentFields) {
  return {
    parent_id: f.parentId, status_text: f.statusText, status_code: f.statusCode, is_completed: bool(f.isCompleted),
    is_closed: bool(f.isClosed), is_long_term: bool(f.isLongTerm), completed_at: f.completedAt, closed_at: f.closedAt,
    deadline_kind: f.deadlineKind, deadline_date: f.deadlineDate, responsible_person: f.responsiblePerson,
    schedule_status: f.scheduleStatus, warning: f.warning, warning_reason: f.warningReason,
    warning_reason_code: f.warningReasonCode === undefined ? undefined : f.warningReasonCode && JSON.stringify(f.warningReasonCode),
    override_status: f.overrideStatus, override_reason: f.overrideReason, override_by: f.overrideBy,
    override_at: f.overrideAt, latest_progress: f.latestProgress, search_text: f.searchText,
  };
}

export async function getAssignmentById(db: Conn, id: number): Promise<Assignment> {
  const r = await db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('ASSIGNMENT_NOT_FOUND', `找不到编号为 ${id} 的任务分解`);
  return toAssignment(r);
}

export async function findAssignment(db: Conn, taskId: number, orgUnitId: number): Promise<Assignment | undefined> {
  const r = await db.selectFrom('assignments').selectAll().where('task_id', '=', taskId).where('org_unit_id', '=', orgUnitId).executeTakeFirst();
  return r && toAssignment(r);
}

export async function insertAssignment(db: Conn, taskId: number, orgUnitId: number, fields: AssignmentFields): Promise<Assignment> {
  const now = nowIso();
  const { id } = await db.insertInto('assignments').values({
    ...columns(fields), task_id: taskId, org_unit_id: orgUnitId, deadline_kind: fields.deadlineKind ?? 'unknown',
    search_text: fields.searchText ?? '', created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAssignmentStates(db, [id]);
  return getAssignmentById(db, id);
}

/** Optimistic update: applies only at `expectedVersion`, else VERSION_CONFLICT carrying the current state. */
export async function updateAssignment(db: Conn, id: number, expectedVersion: number, fields: AssignmentFields): Promise<Assignment> {
  const res = await db.updateTable('assignments')
    .set((eb) => ({ ...columns(fields), updated_at: nowIso(), version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    const current = await getAssignmentById(db, id);
    throw new AppError('VERSION_CONFLICT', '该任务已被他人修改，请刷新后查看最新内容再提交', { current });
  }
  await recordAssignmentStates(db, [id]);
  return getAssignmentById(db, id);
}

export async function listChildAssignments(db: Conn, parentId: number): Promise<Assignment[]> {
  return (await db.selectFrom('assignments').selectAll().where('parent_id', '=', parentId).orderBy('id').execute()).map(toAssignment);
}

export async function listAssignmentsOfTask(db: Conn, taskId: number): Promise<Assignment[]> {
  return (await db.selectFrom('assignments').selectAll().where('task_id', '=', taskId).orderBy('id').execute()).map(toAssignment);
}

export interface LedgerFilter {
  /** The reader's scope: org paths whose subtrees may be read. Undefined = everything (system). */
  scopePaths?: readonly string[];
  orgPath?: string;
  inspectionId?: number;
  scheduleStatus?: readonly ScheduleStatus[];
  warning?: readonly WarningColor[];
  category?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  q?: string;
  sort?: 'code' | 'deadline' | 'updated' | 'warning' | 'org';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
  /** For exports: return up to this many rows from the first, ignoring page and the page-size cap. */
  exportLimit?: number;
}

