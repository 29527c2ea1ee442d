/**
 * Loads a published progress report into the ledger. One transaction: the org unit and inspection are created when
 * missing, tasks are matched by plan and number, a later report updates them and keeps the earlier state as a
 * progress-report snapshot (nothing duplicated), and the file itself is kept as evidence. All or nothing.
 * An import never publishes: publishing is its own act, with a preview and a confirmation (services/report-from-ledger.ts).
 */
import type { AppContext } from './context.js';
import type { ParsedReport, ParsedTask } from '../core/report.js';
import { AppError } from '../core/errors.js';
import { normalizeStatus } from '../core/status.js';
import { endOfPeriod, parseDeadline } from '../core/deadline.js';
import { appendAuditEvent, type Actor } from '../db/audit.repository.js';
import type { Tx } from '../db/database.js';
import { nowIso } from '../db/clock.js';
import { ancestorIds, getOrgUnitById } from '../db/org-units.repository.js';
import type { OrgUnit } from '../core/api/org-units.js';
import { findInspectionByName, findPlan, insertInspection, insertPlan } from '../db/inspections.repository.js';
import type { Inspection } from '../core/api/inspections.js';
import { findTaskInPlan, insertTask, updateTask, listMeasures, replaceMeasures, ensureDocument, linkDocument } from '../db/tasks.repository.js';
import { findAssignment, insertAssignment, updateAssignment } from '../db/assignments.repository.js';
import { insertProgressReport } from '../db/progress.repository.js';
import { lastInstantOf, recordAssignmentStates } from '../db/state-history.repository.js';
import { insertImportRecord, insertEvidenceRecord, setImportSummary } from '../db/imports.repository.js';
import { resolveOrgUnit } from './resolve-org.js';
import { refreshSchedule, today } from './schedule.js';

import type { ImportSummary } from '../core/api/imports.js';

export interface ImportOptions {
  /** "辽宁省/抚顺市" or a unit name; defaults to the region read from the title. */
  org?: string;
  /** The date the report speaks of; defaults to the date read from it, else today. */
  asOf?: string;
  /** The importer's scope: the report's org unit must lie inside one of these subtrees (undefined = system). */
  allowedPaths?: readonly string[];
}

export type { ImportSummary };

function inspectionFacts(name: string): Pick<Inspection, 'round' | 'kind'> {
  const round = /回头看/.test(name) ? '1-lookback' : /第一轮/.test(name) ? '1' : /第二轮/.test(name) ? '2' : /第三轮/.test(name) ? '3' : 'other';
  return { round, kind: /中央/.test(name) ? 'central' : 'provincial' };
}

function searchText(org: OrgUnit, t: ParsedTask): string {
  return [t.code, t.problem, t.goal ?? '', t.status ?? '', org.name, ...t.measures.map((m) => m.text)].join('\n');
}

async function ensureInspectionAndPlan(tx: Tx, org: OrgUnit, name: string) {
  const planOwnerId = ancestorIds(org)[0] ?? org.id;
  const owner = await getOrgUnitById(tx, planOwnerId);
  const inspection = (await findInspectionByName(tx, name)) ?? (await insertInspection(tx, {
    name, ...inspectionFacts(name), targetOrgId: owner.id, stationedFrom: null, stationedTo: null, feedbackDate: null,
  }));
  const plan = (await findPlan(tx, inspection.id, owner.id)) ?? (await insertPlan(tx, {
    inspectionId: inspection.id, ownerOrgId: owner.id, title: `${owner.name}${name}整改方案`, issuedDate: null, dueDate: null,
  }));
  return { inspection, plan };
}

export async function importParsedReport(
  ctx: AppContext, actor: Actor, parsed: ParsedReport, file: { name: string; data: Uint8Array }, opts: ImportOptions = {},
): Promise<ImportSummary> {
  if (parsed.tasks.length === 0) throw new AppError('NOTHING_RECOGNIZED', `${file.name}：没有识别出整改任务，未导入`);
  const orgSpec = opts.org ?? parsed.region;
  if (!orgSpec) throw new AppError('VALIDATION_FAILED', `${file.name}：标题中没有单位名称，请用 --org 指定（如 辽宁省/抚顺市）`);
  const inspectionName = parsed.inspection ?? '未注明的督察';
  // A report may say only '2023' or '2023-06'; it then speaks for the end of that period.
  const asOf = opts.asOf ?? (parsed.asOf ? endOfPeriod(parsed.asOf) : null) ?? today();
  const stored = await ctx.files.put(file.data);

  return ctx.db.transaction().execute(async (tx) => {
    const org = await resolveOrgUnit(tx, orgSpec, { create: true });
    if (opts.allowedPaths && !opts.allowedPaths.some((p) => org.path.startsWith(p))) {
      throw new AppError('FORBIDDEN', `${file.name}：报告所属单位“${org.name}”不在您的管理范围内`);
    }
    const { inspection, plan } = await ensureInspectionAndPlan(tx, org, inspectionName);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const importId = await insertImportRecord(tx, {
      fileName: file.name, sha256: stored.sha256, orgUnitId: org.id, inspectionId: inspection.id, title: parsed.title, asOf,
      importedBy: actor.id,
    });
    for (const [index, t] of parsed.tasks.entries()) {
      const deadline = parseDeadline(t.deadline);
      // The reader's code wins over the written words: a person may have corrected it in the preview.
      const written = normalizeStatus(t.status);
      const facts = !t.statusCode || t.statusCode === written.code ? written : { ...written, code: t.statusCode, isCompleted: t.statusCode === 'completed' || t.statusCode === 'closed', isClosed: t.statusCode === 'closed' };
      let task = await findTaskInPlan(tx, plan.id, t.number, t.code);
      if (!task) {
        task = await insertTask(tx, {
          planId: plan.id, code: t.code, number: t.number, sortOrder: t.number ?? index, problem: t.problem, goal: t.goal,
          category: null, deadlineKind: deadline.kind, deadlineDate: deadline.date, deadlineText: deadline.text,
          leadUnit: t.units[0] ?? null, responsibleUnits: t.units, responsiblePerson: null, supervisingUnit: null, acceptingUnit: null,
        });
        await appendAuditEvent(tx, ctx.dialect, actor, { action: 'task.create', entityType: 'task', entityId: task.id, after: { code: t.code, problem: t.problem } });
      } else if (task.problem !== t.problem || (t.goal && task.goal !== t.goal)) {
        const before = { problem: task.problem, goal: task.goal };
        task = await updateTask(tx, task.id, task.version, { problem: t.problem, goal: t.goal ?? task.goal });
        await appendAuditEvent(tx, ctx.dialect, actor, { action: 'task.update', entityType: 'task', entityId: task.id, before, after: { problem: task.problem, goal: task.goal } });
      }
      const fields = {
        statusText: t.status, statusCode: facts.code ?? t.statusCode, isCompleted: facts.isCompleted, isClosed: facts.isClosed,
        isLongTerm: facts.isLongTerm || deadline.kind === 'long_term', completedAt: facts.isCompleted ? asOf : null,
        closedAt: facts.isClosed ? asOf : null, deadlineKind: deadline.kind, deadlineDate: deadline.date,
        latestProgress: t.measures.map((m) => m.text).join('\n').slice(0, 2000) || null, searchText: searchText(org, t),
      };
      let assignment = await findAssignment(tx, task.id, org.id);
      const measures = t.measures.map((m) => ({ ordinal: m.ordinal, text: m.text, items: m.items }));
      if (!assignment) {
        assignment = await insertAssignment(tx, task.id, org.id, fields);
        counts.created++;
        await appendAuditEvent(tx, ctx.dialect, actor, { action: 'assignment.import', entityType: 'assignment', entityId: assignment.id, assignmentId: assignment.id, after: { status: t.status, measures: measures.length, importId } });
      } else {
        const previous = await listMeasures(tx, assignment.id);
        const sameMeasures = JSON.stringify(previous.map((m) => [m.ordinal, m.text])) === JSON.stringify(measures.map((m) => [m.ordinal, m.text]));
        if (sameMeasures && assignment.statusText === t.status) {
          counts.unchanged++;
          continue;
        }
        const before = { status: assignment.statusText, measures: previous.length };
        assignment = await updateAssignment(tx, assignment.id, assignment.version, fields);
        counts.updated++;
        await appendAuditEvent(tx, ctx.dialect, actor, { action: 'assignment.import', entityType: 'assignment', entityId: assignment.id, assignmentId: assignment.id, before, after: { status: t.status, measures: measures.length, importId } });
      }
      await replaceMeasures(tx, assignment.id, measures);
      for (const d of t.documents) {
        if (d.title || d.number) await linkDocument(tx, assignment.id, await ensureDocument(tx, d));
      }
      await insertProgressReport(tx, {
        assignmentId: assignment.id, asOf, statusText: t.status, statusCode: facts.code, measuresSnapshot: measures,
        progress: measures.map((m) => m.text).join('\n'), state: 'accepted', source: 'import', importId,
      });
      await refreshSchedule(tx, assignment.id, asOf > today() ? asOf : today());
      // A report dated before today speaks for its date: its state is also placed at the end of that day (as-of reads).
      if (asOf < today()) await recordAssignmentStates(tx, [assignment.id], lastInstantOf(asOf));
    }
    await insertEvidenceRecord(tx, { sha256: stored.sha256, size: stored.size, mediaType: mediaTypeOf(file.name), originalName: file.name, ownerType: 'import', ownerId: importId, orgUnitId: org.id, uploadedBy: actor.id });
    const summary: ImportSummary = { importId, orgUnitId: org.id, inspectionId: inspection.id, fileName: file.name, org: org.name, inspection: inspection.name, asOf, ...counts, warnings: parsed.warnings };
    await setImportSummary(tx, importId, summary);
    await appendAuditEvent(tx, ctx.dialect, actor, { action: 'report.import', entityType: 'import', entityId: importId, after: { ...summary, warnings: summary.warnings.length, at: nowIso() } });
    return summary;
  });
}

export function mediaTypeOf(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    txt: 'text/plain', md: 'text/markdown', pdf: 'application/pdf', doc: 'application/msword',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
  return types[ext] ?? 'application/octet-stream';
}
