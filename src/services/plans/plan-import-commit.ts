/**
 * Applies a plan table's import: one transaction that recomputes the preview, refuses if the file or the plan changed
 * since the user saw it or if a name is still undecided, then creates the units chosen, remembers the names mapped,
 * creates or updates the plan and its tasks in place (same number = same task), links each task to the higher plan's
 * task, gives every named unit its share with the table's measures, and records the import with its audit events.
The tasks' and shares' events are appended together at the end, and the shares' schedule refreshed as one set.
 * Tasks the file no longer has are kept (they may carry progress) and listed in the summary.
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../../db/database.js';
import type { ParsedReport } from '../../core/report.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { allowedChildKinds, guessOrgKind } from '../../core/org.js';
import { aliasKey, normalizeUnitName } from '../../core/unit-names.js';
import type { PlanImportChoices, PlanImportExpect, PlanImportSummary, PlanImportTarget, UnitChoice } from '../../core/plan-import.js';
import { appendAuditEvents, type AuditInput } from '../../db/audit.repository.js';
import { findChildByName, findOrgUnitByCode, getOrgUnitById, insertOrgUnit } from '../../db/org-units.repository.js';
import type { OrgUnit } from '../../core/api/org-units.js';
import { insertPlan } from '../../db/inspections.repository.js';
import { insertTask, listMeasures, replaceMeasures, updateTask } from '../../db/tasks.repository.js';
import { findAssignment, updateAssignment } from '../../db/assignments.repository.js';
import { rebuildSearchText } from '../../db/assignment-admin.repository.js';
import { insertEvidenceRecord, insertImportRecord, setImportSummary } from '../../db/imports.repository.js';
import { insertPlanShare, insertShareMeasures, saveUnitAlias, setPlanParent, setTaskParent, getPlanParentId } from '../../db/plan-links.repository.js';
import { assertMay, type Access } from '../access.js';
import { readScheduleSettings } from '../schedule.js';
import { refreshSchedules } from '../schedule-set.js';
import { mediaTypeOf } from '../import-parsed-report.js';
import { buildPlanImport, sha256Of, type PlanFile } from './plan-import-preview.js';

/** The search text of a share, as rebuildSearchText writes it (code, problem, goal, status, unit, measures). */
function searchTextOf(task: { code: string; problem: string; goal: string | null }, statusText: string | null, unitName: string, measures: readonly string[]): string {
  return [task.code, task.problem, task.goal ?? '', statusText ?? '', unitName, ...measures].join('\n');
}

async function freeCode(tx: Tx, parent: OrgUnit): Promise<string> {
  for (let n = 1; ; n++) {
    const code = `${parent.code}-U${n}`;
    if (!(await findOrgUnitByCode(tx, code))) return code;
  }
}

/** Creates (or finds, when a unit of that name is already there) the unit a 'create' choice asks for. */
async function createChosenUnit(tx: Tx, access: Access, audit: (input: AuditInput) => void, owner: OrgUnit, written: string, choice: Extract<UnitChoice, { action: 'create' }>): Promise<{ unit: OrgUnit; created: boolean }> {
  // A unit missing and one outside the plan's unit answer alike, so a guessed id reveals nothing.
  const parent = choice.parentId ? await getOrgUnitById(tx, choice.parentId).catch(ifNotFound(() => null)) : owner;
  if (!parent || !parent.path.startsWith(owner.path)) {
    throw new AppError('VALIDATION_FAILED', `新建“${written}”须在“${owner.name}”或其下级单位之下`, [{ field: `units.${written}`, message: '不在方案单位之下' }]);
  }
  assertMay(access, 'manageOrg', parent.path);
  const name = choice.name ?? normalizeUnitName(written);
  const same = await findChildByName(tx, parent.id, name);
  if (same) return { unit: same, created: false };
  const guessed = guessOrgKind(name);
  const kind = allowedChildKinds(parent.kind).includes(guessed) ? guessed : 'department';
  const unit = await insertOrgUnit(tx, { parentId: parent.id, code: await freeCode(tx, parent), name, kind });
  audit({
    action: 'org_unit.create', entityType: 'org_unit', entityId: unit.id, orgUnitId: unit.id,
    after: { parentId: unit.parentId, code: unit.code, name: unit.name, kind: unit.kind, from: 'plan.import' },
  });
  return { unit, created: true };
}

export async function commitPlanImport(
  ctx: AppContext, access: Access, target: PlanImportTarget, parsed: ParsedReport, file: PlanFile, choices: PlanImportChoices, expect: PlanImportExpect,
): Promise<PlanImportSummary> {
  const sha256 = sha256Of(file.data);
  if (sha256 !== expect.fileSha256) throw new AppError('VERSION_CONFLICT', `${file.name}：文件与预览时的不同，请重新预览后再导入`);
  const stored = await ctx.files.put(file.data);
  return ctx.db.transaction().execute(async (tx) => {
    const work = await buildPlanImport(tx, access, target, parsed, file, choices);
    const { preview, owner, inspection } = work;
    if (preview.baseline !== expect.baseline) throw new AppError('VERSION_CONFLICT', '预览之后该方案或上级方案已有改动，请重新预览后再导入');
    if (preview.blockers.length) throw new AppError('VALIDATION_FAILED', preview.blockers.join('；'), preview.units.filter((u) => u.state === 'unmatched' || u.state === 'ambiguous').map((u) => ({ field: `units.${u.name}`, message: '未选择对应单位' })));
    const actor = access.actor;
    // The events of the tasks and shares, appended together at the end in the order written (one read of the head).
    const audits: AuditInput[] = [];
    const audit = (input: AuditInput) => { audits.push(input); };
    // Every share written, refreshed as one set at the end (they are top-level shares: no ancestors to follow).
    const refresh: number[] = [];

    // Units: create what was asked for, remember every name a person decided.
    const unitOf = new Map<string, number>();
    const unitsCreated: string[] = [];
    const aliasesSaved: string[] = [];
    for (const [name, r] of work.resolved) {
      let unitId: number;
      if (r === 'ignore') continue;
      if (r === 'create') {
        const { unit, created } = await createChosenUnit(tx, access, audit, owner, name, choices.units[name] as Extract<UnitChoice, { action: 'create' }>);
        if (created) unitsCreated.push(unit.name);
        unitId = unit.id;
        work.unitNames.set(unit.id, unit.name);
        if (aliasKey(name) === aliasKey(unit.name)) { unitOf.set(name, unitId); continue; }
      } else {
        unitId = r;
        if (choices.units[name]?.action !== 'map') { unitOf.set(name, unitId); continue; }
      }
      unitOf.set(name, unitId);
      const before = await saveUnitAlias(tx, { scopeOrgId: owner.id, alias: aliasKey(name), orgUnitId: unitId, createdBy: actor.id });
      if (before !== unitId) {
        aliasesSaved.push(name);
        audit({ action: 'unit_alias.save', entityType: 'org_unit', entityId: unitId, orgUnitId: owner.id, before: before === null ? null : { alias: name, orgUnitId: before }, after: { alias: name, orgUnitId: unitId } });
      }
    }

    // The plan, and its link to the plan above.
    let plan = work.plan;
    if (!plan) {
      plan = await insertPlan(tx, { inspectionId: inspection.id, ownerOrgId: owner.id, title: preview.plan.title, issuedDate: null, dueDate: null });
      audit({ action: 'plan.create', entityType: 'plan', entityId: plan.id, orgUnitId: owner.id, after: { ...plan, from: 'plan.import' } });
    }
    const parentBefore = await getPlanParentId(tx, plan.id);
    if (parentBefore !== work.parentPlanId) {
      await setPlanParent(tx, plan.id, work.parentPlanId);
      audit({ action: 'plan.link', entityType: 'plan', entityId: plan.id, orgUnitId: owner.id, before: { parentPlanId: parentBefore }, after: { parentPlanId: work.parentPlanId } });
    }

    const settings = await readScheduleSettings(tx);
    const counts = { created: 0, updated: 0, unchanged: 0, linked: 0 };
    for (const w of work.tasks) {
      const p = w.preview;
      if (w.parentTaskId !== null) counts.linked++;
      let task = w.existing;
      if (!task) {
        task = await insertTask(tx, { ...w.fields, planId: plan.id });
        if (w.parentTaskId !== null) await setTaskParent(tx, task.id, w.parentTaskId);
        counts.created++;
        audit({ action: 'task.create', entityType: 'task', entityId: task.id, orgUnitId: owner.id, after: { ...w.fields, parentTaskId: w.parentTaskId, from: 'plan.import' } });
      } else if (p.change === 'changed') {
        const before = task;
        task = await updateTask(tx, task.id, task.version, w.fields);
        if (p.changedFields.includes('parent')) await setTaskParent(tx, task.id, w.parentTaskId);
        counts.updated++;
        const pick = (t: object) => Object.fromEntries(Object.entries(t).filter(([k]) => p.changedFields.includes(k === 'responsibleUnits' ? 'units' : k === 'deadlineText' ? 'deadline' : k)));
        audit({ action: 'task.update', entityType: 'task', entityId: task.id, orgUnitId: owner.id, before: pick(before), after: { ...pick(task), ...(p.changedFields.includes('parent') ? { parentTaskId: w.parentTaskId } : {}), fields: p.changedFields, from: 'plan.import' } });
      } else {
        counts.unchanged++;
        continue;
      }
      // Shares: every named unit (lead first) holds one; a task naming none is the plan unit's own.
      const unitIds = [...new Set(w.read.units.map((u) => unitOf.get(u)).filter((u): u is number => u !== undefined))];
      if (unitIds.length === 0 && !w.read.units.some((u) => work.resolved.get(u) === 'ignore')) unitIds.push(owner.id);
      const deadline = { deadlineKind: w.fields.deadlineKind, deadlineDate: w.fields.deadlineDate, isLongTerm: w.fields.deadlineKind === 'long_term' };
      for (const unitId of unitIds) {
        // A task created just now has no shares yet.
        let share = w.existing ? await findAssignment(tx, task.id, unitId) : undefined;
        if (!share) {
          // The search text as rebuildSearchText writes it, known here without reading it back.
          const searchText = searchTextOf(task, null, work.unitNames.get(unitId) ?? '', w.measures);
          const id = await insertPlanShare(tx, { taskId: task.id, orgUnitId: unitId, ...deadline, responsiblePerson: w.fields.responsiblePerson, searchText });
          await insertShareMeasures(tx, id, w.measures);
          audit({ action: 'assignment.create', entityType: 'assignment', entityId: id, assignmentId: id, orgUnitId: unitId, after: { taskId: task.id, orgUnitId: unitId, ...deadline, measures: w.measures.length, from: 'plan.import' } });
          refresh.push(id);
          continue;
        } else if (share.isClosed) {
          // A closed share is read-only (销号); the file's changes reach the units still working on the task.
          continue;
        } else if (share.parentId === null && (p.changedFields.includes('measures') || p.changedFields.includes('deadline'))) {
          const old = await listMeasures(tx, share.id);
          if (p.changedFields.includes('measures')) {
            // A measure kept word for word keeps the date the unit recorded it done.
            await replaceMeasures(tx, share.id, w.measures.map((text, i) => ({ ordinal: i + 1, text, items: [], doneDate: old.find((m) => m.text === text)?.doneDate ?? null })));
          }
          const before = { deadlineKind: share.deadlineKind, deadlineDate: share.deadlineDate, measures: old.map((m) => m.text) };
          const measures = p.changedFields.includes('measures') ? w.measures : old.map((m) => m.text);
          share = await updateAssignment(tx, share.id, share.version, {
            deadlineKind: deadline.deadlineKind, deadlineDate: deadline.deadlineDate, isLongTerm: deadline.isLongTerm || (share.isLongTerm && share.deadlineKind !== 'long_term'),
            searchText: searchTextOf(task, share.statusText, work.unitNames.get(unitId) ?? '', measures),
          });
          audit({ action: 'assignment.update', entityType: 'assignment', entityId: share.id, assignmentId: share.id, orgUnitId: unitId, before, after: { ...deadline, measures: w.measures, from: 'plan.import' } });
        } else if (p.changedFields.some((f) => f === 'problem' || f === 'goal' || f === 'code')) {
          await rebuildSearchText(tx, share.id);
        }
        refresh.push(share.id);
      }
    }
    await refreshSchedules(tx, refresh, undefined, { settings });

    const importId = await insertImportRecord(tx, { fileName: file.name, sha256, orgUnitId: owner.id, inspectionId: inspection.id, title: preview.plan.title, asOf: null, importedBy: actor.id });
    await insertEvidenceRecord(tx, { sha256: stored.sha256, size: stored.size, mediaType: mediaTypeOf(file.name), originalName: file.name, ownerType: 'import', ownerId: importId, orgUnitId: owner.id, uploadedBy: actor.id });
    const summary: PlanImportSummary = {
      importId, planId: plan.id, fileName: file.name, ...counts, removed: preview.removed.length, unitsCreated, aliasesSaved,
      changes: preview.tasks.filter((t) => t.change !== 'unchanged').map((t) => ({ code: t.code, change: t.change, fields: t.changedFields })),
    };
    await setImportSummary(tx, importId, { kind: 'plan', ...summary, warnings: preview.warnings.length });
    audit({ action: 'plan.import', entityType: 'plan', entityId: plan.id, orgUnitId: owner.id, after: { importId, fileName: file.name, sha256, ...counts, removed: summary.removed, unitsCreated, aliasesSaved } });
    await appendAuditEvents(tx, ctx.dialect, actor, audits);
    return summary;
  });
}
