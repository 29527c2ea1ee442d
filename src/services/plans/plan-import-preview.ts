/**
 * The preview of a plan table's import (writes nothing): each task as read, cell by cell, with its warnings; every
 * responsible-unit name matched to a unit of the plan owner's subtree (exact, remembered alias, short form) or left
 * for the user; the link of each task to the higher plan's task; and what changes when the plan already exists.
 * The commit runs the same computation inside its transaction, so what it writes is what was shown.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../context.js';
import type { Conn } from '../../db/database.js';
import type { ParsedReport, ParsedTask } from '../../core/report.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { parseDeadline } from '../../core/deadline.js';
import { matchUnitName, normalizeUnitName } from '../../core/unit-names.js';
import type { PlanImportChoices, PlanImportPreview, PlanImportTarget, PreviewTask, UnitResolution } from '../../core/plan-import.js';
import { ancestorIds, getOrgUnitById } from '../../db/org-units.repository.js';
import type { OrgUnit } from '../../core/api/org-units.js';
import { findPlan, type Plan } from '../../db/inspections.repository.js';
import type { Inspection } from '../../core/api/inspections.js';
import { getPlanById, type PlanRecord } from '../../db/plans.repository.js';
import { listMeasuresOf, listTasksOfPlan, type TaskInput } from '../../db/tasks.repository.js';
import type { Task } from '../../core/api/tasks.js';
import { findNearestAncestorPlan, getPlanParentId, listTaskParents, listTopShares, listUnitAliases, listUnitCandidates } from '../../db/plan-links.repository.js';
import { assertAt, pathsFor, type Access } from '../access.js';
import { isRelated } from '../../core/scope.js';
import { getRelatedInspection } from '../plans.js';

export interface PlanFile { name: string; data: Uint8Array }

/** What the commit needs beyond what the preview shows. */
export interface PlanImportWork {
  preview: PlanImportPreview;
  owner: OrgUnit;
  inspection: Inspection;
  plan: Plan | null;
  parentPlanId: number | null;
  /** Per task of the file, in order: the fields to store, the units' ids (resolved or to create by name), the parent. */
  tasks: { read: ParsedTask; preview: PreviewTask; fields: Omit<TaskInput, 'planId'>; existing: Task | null; parentTaskId: number | null; measures: string[] }[];
  /** Written name → unit id (existing units), or 'create' / 'ignore'. */
  resolved: Map<string, number | 'create' | 'ignore'>;
  topShares: { id: number; taskId: number; orgUnitId: number; version: number; isClosed: boolean; closedAt: string | null }[];
  /** Names of the units of the owner's subtree, by id. */
  unitNames: Map<number, string>;
}

export const sha256Of = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

const unitNotFound = (id: number) => new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${id} 的单位`);

/** The task fields a plan table sets (sort order follows the file). */
function fieldsOf(t: ParsedTask, index: number): Omit<TaskInput, 'planId'> {
  const deadline = parseDeadline(t.deadline);
  return {
    code: t.code, number: t.number, sortOrder: index + 1, problem: t.problem, goal: t.goal, category: t.category ?? null,
    deadlineKind: deadline.kind, deadlineDate: deadline.date, deadlineText: deadline.text,
    leadUnit: t.leadUnits?.[0] ?? t.units[0] ?? null, responsibleUnits: t.units, responsiblePerson: t.leaders?.length ? t.leaders.join('、') : null,
    supervisingUnit: t.supervisingUnit ?? null, acceptingUnit: t.acceptingUnit ?? null,
  };
}

const COMPARED = ['problem', 'goal', 'category', 'deadlineText', 'leadUnit', 'responsibleUnits', 'responsiblePerson', 'supervisingUnit', 'acceptingUnit', 'code'] as const;

function changedFields(before: Task, after: Omit<TaskInput, 'planId'>): string[] {
  return COMPARED.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)).map((k) => (k === 'deadlineText' ? 'deadline' : k === 'responsibleUnits' ? 'units' : k));
}

/** The higher plan this one carries out: as asked, else as linked before, else the nearest higher unit's plan of the inspection. */
async function parentPlanOf(db: Conn, access: Access, owner: OrgUnit, inspectionId: number, plan: Plan | null, asked: number | null | undefined): Promise<PlanRecord | null> {
  let id: number | null;
  if (asked !== undefined) id = asked;
  else id = (plan ? await getPlanParentId(db, plan.id) : null) ?? (await findNearestAncestorPlan(db, inspectionId, ancestorIds(owner).filter((a) => a !== owner.id)))?.id ?? null;
  if (id === null) return null;
  const parent = await getPlanById(db, id);
  if (!isRelated(pathsFor(access, 'read'), parent.ownerOrgPath)) throw new AppError('PLAN_NOT_FOUND', `找不到编号为 ${id} 的整改方案`);
  if (!(owner.path.startsWith(parent.ownerOrgPath) && owner.path !== parent.ownerOrgPath)) {
    throw new AppError('VALIDATION_FAILED', `上级方案须属于“${owner.name}”的上级单位，“${parent.title}”属于${parent.ownerOrgName}`, [{ field: 'parentPlanId', message: '不是上级单位的方案' }]);
  }
  return parent;
}

/** Codes repeated across sheets get their sheet's name in front; repeats within one sheet stay (and block). */
function withSheetCodes(tasks: readonly ParsedTask[]): ParsedTask[] {
  const sheetOf = (t: ParsedTask) => Object.values(t.cells ?? {}).flat()[0]?.sheet ?? null;
  const bySheet = new Map<string, Set<string | null>>();
  const counts = new Map<string, number>();
  for (const t of tasks) {
    counts.set(t.code, (counts.get(t.code) ?? 0) + 1);
    bySheet.set(t.code, (bySheet.get(t.code) ?? new Set()).add(sheetOf(t)));
  }
  return tasks.map((t) => {
    const sheets = bySheet.get(t.code)!;
    const sheet = sheetOf(t);
    if (counts.get(t.code)! > 1 && sheets.size === counts.get(t.code) && sheet) return { ...t, code: `${sheet}-${t.code}` };
    return t;
  });
}

export async function buildPlanImport(
  db: Conn, access: Access, target: PlanImportTarget, parsed: ParsedReport, file: PlanFile, choices: PlanImportChoices,
): Promise<PlanImportWork> {
  const owner = await getOrgUnitById(db, target.orgUnitId).catch(ifNotFound(() => { throw unitNotFound(target.orgUnitId); }));
  assertAt(access, 'writeLedger', owner.path, unitNotFound(target.orgUnitId));
  const inspection = await getRelatedInspection(db, access, target.inspectionId);
  if (parsed.kind !== 'plan' || parsed.tasks.length === 0) {
    throw new AppError('NOTHING_RECOGNIZED', `${file.name}：不是整改方案表（没有读出带序号、问题和措施的任务行），未导入`);
  }
  const plan = (await findPlan(db, inspection.id, owner.id)) ?? null;
  const parentPlan = await parentPlanOf(db, access, owner, inspection.id, plan, target.parentPlanId);
  const parentTasks = parentPlan ? await listTasksOfPlan(db, parentPlan.id) : [];
  const existing = plan ? await listTasksOfPlan(db, plan.id) : [];
  const parentsBefore = plan ? await listTaskParents(db, plan.id) : new Map<number, number | null>();
  const topShares = plan ? await listTopShares(db, plan.id) : [];
  const leadShareOf = new Map<number, number>();
  for (const s of topShares) if (!leadShareOf.has(s.taskId)) leadShareOf.set(s.taskId, s.id);
  const measuresBefore = await listMeasuresOf(db, [...leadShareOf.values()]);

  // Units: every name written anywhere, matched once.
  const candidates = await listUnitCandidates(db, owner.path);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const aliases = await listUnitAliases(db, owner.id);
  const tasksNaming = new Map<string, string[]>();
  for (const t of parsed.tasks) for (const u of t.units) tasksNaming.set(u, [...(tasksNaming.get(u) ?? []), t.code]);
  const units: UnitResolution[] = [];
  const resolved = new Map<string, number | 'create' | 'ignore'>();
  for (const [name, codes] of tasksNaming) {
    const choice = choices.units[name];
    const base = { name, tasks: [...new Set(codes)], candidates: [] as { id: number; name: string }[] };
    if (choice?.action === 'map') {
      const unit = byId.get(choice.orgUnitId);
      if (!unit) throw new AppError('VALIDATION_FAILED', `“${name}”只能对应到“${owner.name}”及其下级单位`, [{ field: `units.${name}`, message: '不在方案单位之下' }]);
      units.push({ ...base, state: 'map', unitId: unit.id, unitName: unit.name });
      resolved.set(name, unit.id);
      continue;
    }
    if (choice) {
      units.push({ ...base, state: choice.action, unitId: null, unitName: choice.action === 'create' ? (choice.name ?? normalizeUnitName(name)) : null });
      resolved.set(name, choice.action);
      continue;
    }
    const m = matchUnitName(name, candidates, aliases);
    if (m.kind === 'exact' || m.kind === 'alias' || m.kind === 'short') {
      units.push({ ...base, state: m.kind, unitId: m.unitId, unitName: byId.get(m.unitId)!.name });
      resolved.set(name, m.unitId);
    } else {
      units.push({ ...base, state: m.kind === 'ambiguous' ? 'ambiguous' : 'unmatched', unitId: null, unitName: null, candidates: m.kind === 'ambiguous' ? m.candidates.map((id) => ({ id, name: byId.get(id)!.name })) : [] });
    }
  }
  const blockers: string[] = [];
  const open = units.filter((u) => u.state === 'unmatched' || u.state === 'ambiguous');
  if (open.length) blockers.push(`以下责任单位未能对应到“${owner.name}”的单位，请逐一选择对应单位、新建或忽略：${open.map((u) => u.name).join('、')}`);

  // Tasks: the same code (else the same number, when the file has it once) is the same task; codes stay unique in a
  // plan, so sheets numbered each from 1 (one per area) keep their sheet's name in front: "水污染防治-1".
  const tasksRead = withSheetCodes(parsed.tasks);
  const seen = new Map<string, number>();
  const numbers = new Map<number, number>();
  for (const t of tasksRead) if (t.number !== null) numbers.set(t.number, (numbers.get(t.number) ?? 0) + 1);
  const matchedExisting = new Set<number>();
  const work: PlanImportWork['tasks'] = [];
  const warnings = [...parsed.warnings];
  for (const [index, t] of tasksRead.entries()) {
    seen.set(t.code, (seen.get(t.code) ?? 0) + 1);
    const fields = fieldsOf(t, index);
    const found = existing.find((e) => !matchedExisting.has(e.id) && e.code === t.code)
      ?? (t.number !== null && numbers.get(t.number) === 1 ? existing.find((e) => !matchedExisting.has(e.id) && e.number === t.number && !tasksRead.some((o) => o.code === e.code)) : undefined)
      ?? null;
    if (found) matchedExisting.add(found.id);
    const original = parsed.tasks[index]!.code;
    const renamed = original !== t.code;
    const taskWarnings = parsed.warnings.filter((w) => w.taskCode === original && (!renamed || !w.cell || w.cell.startsWith(`${t.code.slice(0, -original.length - 1)}!`)));
    let parent: PreviewTask['parent'] = null;
    const chosen = Object.hasOwn(choices.parents, t.code) ? choices.parents[t.code] : undefined;
    if (chosen !== undefined) {
      if (chosen !== null) {
        const p = parentTasks.find((x) => x.id === chosen);
        if (!p) throw new AppError('VALIDATION_FAILED', `任务${t.code}：所选上级任务不在上级方案中`, [{ field: `parents.${t.code}`, message: '不在上级方案中' }]);
        parent = { taskId: p.id, code: p.code, problem: p.problem, source: 'choice' };
      }
    } else if (t.parentNumber != null || t.parentCode) {
      const p = parentTasks.find((x) => (t.parentNumber != null ? x.number === t.parentNumber : x.code === t.parentCode));
      if (p) parent = { taskId: p.id, code: p.code, problem: p.problem, source: 'read' };
      else {
        const w = { line: null, taskCode: t.code, message: parentPlan ? `任务${t.code}：上级方案“${parentPlan.title}”中没有序号为 ${t.parentCode ?? t.parentNumber} 的任务，未关联` : `任务${t.code}：写明了上级序号 ${t.parentCode ?? t.parentNumber}，但没有指定上级方案，未关联` };
        warnings.push(w);
        taskWarnings.push(w);
      }
    } else if (found) {
      const kept = parentsBefore.get(found.id) ?? null;
      const p = kept === null ? undefined : parentTasks.find((x) => x.id === kept);
      if (p) parent = { taskId: p.id, code: p.code, problem: p.problem, source: 'kept' };
    }
    const measures = t.measures.map((m) => m.text);
    let changed: string[] = [];
    if (found) {
      changed = changedFields(found, fields);
      const leadShare = leadShareOf.get(found.id);
      const before = leadShare === undefined ? [] : (measuresBefore.get(leadShare) ?? []).map((m) => m.text);
      if (JSON.stringify(before) !== JSON.stringify(measures)) changed.push('measures');
      if ((parentsBefore.get(found.id) ?? null) !== (parent?.taskId ?? null)) changed.push('parent');
      const sharesNow = new Set(topShares.filter((s) => s.taskId === found.id).map((s) => s.orgUnitId));
      const named = t.units.map((u) => resolved.get(u)).filter((u): u is number => typeof u === 'number');
      if (named.some((u) => !sharesNow.has(u)) && !changed.includes('units')) changed.push('units');
    }
    const preview: PreviewTask = {
      code: t.code, number: t.number, problem: t.problem, goal: t.goal, measures, leadUnits: t.leadUnits ?? [], supportUnits: t.supportUnits ?? [],
      units: t.units, leaders: t.leaders ?? [], category: t.category ?? null,
      deadline: { text: fields.deadlineText, kind: fields.deadlineKind, date: fields.deadlineDate },
      parentCode: t.parentCode ?? (t.parentNumber != null ? String(t.parentNumber) : null), parent, cells: t.cells ?? {}, warnings: taskWarnings,
      change: found ? (changed.length ? 'changed' : 'unchanged') : 'new', changedFields: changed, existingTaskId: found?.id ?? null,
      confidence: t.confidence ?? null,
    };
    work.push({ read: t, preview, fields, existing: found, parentTaskId: parent?.taskId ?? null, measures });
  }
  // Closed means locked (销号): a task whose every share is closed keeps its text until it is reopened.
  for (const w of work) {
    if (!w.existing || w.preview.change !== 'changed') continue;
    const tops = topShares.filter((s) => s.taskId === w.existing!.id);
    if (tops.length > 0 && tops.every((s) => s.isClosed)) {
      blockers.push(`任务${w.preview.code}已于${tops[0]!.closedAt ?? '（日期未记）'}销号，内容只读，表中对它的改动（${w.preview.changedFields.join('、')}）不能导入：请在表中改回，或先由验收单位“重新打开”`);
    }
  }
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([code]) => code);
  if (duplicates.length) blockers.push(`表中序号重复：${duplicates.join('、')}（同一方案中每项任务的序号须唯一，请改正后重新上传）`);
  const removed = existing.filter((e) => !matchedExisting.has(e.id)).map((e) => ({ taskId: e.id, code: e.code, problem: e.problem }));

  const baseline = createHash('sha256').update(JSON.stringify({
    plan: plan ? [plan.id, plan.version] : null, parentPlan: parentPlan?.id ?? null, tasks: existing.map((e) => [e.id, e.version, parentsBefore.get(e.id) ?? null]),
    shares: topShares.map((s) => [s.taskId, s.orgUnitId]), aliases: [...aliases].sort(), parentTasks: parentTasks.map((p) => [p.id, p.version]),
  })).digest('hex');
  const count = (c: string) => work.filter((w) => w.preview.change === c).length;
  const title = target.title ?? plan?.title ?? (parsed.title || `${owner.name}${inspection.name}整改方案`);
  const preview: PlanImportPreview = {
    fileName: file.name, fileSha256: sha256Of(file.data), baseline, title: parsed.title,
    plan: { id: plan?.id ?? null, title, ownerOrgId: owner.id, ownerOrgName: owner.name, inspectionId: inspection.id, inspectionName: inspection.name },
    parentPlan: parentPlan && { id: parentPlan.id, title: parentPlan.title, ownerOrgName: parentPlan.ownerOrgName, tasks: parentTasks.map((p) => ({ id: p.id, code: p.code, number: p.number, problem: p.problem })) },
    tasks: work.map((w) => w.preview), units, removed, warnings,
    counts: { new: count('new'), changed: count('changed'), unchanged: count('unchanged'), removed: removed.length }, blockers,
  };
  return { preview, owner, inspection, plan, parentPlanId: parentPlan?.id ?? null, tasks: work, resolved, topShares, unitNames: new Map(candidates.map((c) => [c.id, c.name])) };
}

/** Reads what importing the table would do; writes nothing. */
export async function previewPlanImport(
  ctx: AppContext, access: Access, target: PlanImportTarget, parsed: ParsedReport, file: PlanFile, choices: PlanImportChoices = { units: {}, parents: {} },
): Promise<PlanImportPreview> {
  return (await buildPlanImport(ctx.db, access, target, parsed, file, choices)).preview;
}
