/**
 * Writes the public progress report and the task ledger from the ledger (not from any earlier document): an org
 * unit's tasks of one inspection in plan order, each with the status and measures of its latest accepted report as of
 * the date, plus the checks a report must pass before publication.
 */
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { SCHEDULE_STATUS_WORDS, type ScheduleStatus } from '../core/schedule.js';
import { normalizeStatus } from '../core/status.js';
import type { Measure, ParsedReport, ParsedTask } from '../core/report.js';
import { ParsedReportSchema } from '../core/report.js';
import { getOrgUnitById } from '../db/org-units.repository.js';
import { listDocumentsOfAssignment, listMeasures } from '../db/tasks.repository.js';
import { evidenceCounts, latestAcceptedReports, listInspectionsOfOrg, listReportSource, type ReportSourceRow } from '../db/report-source.repository.js';
import { insertPublishedReport, getPublishedReportContent, findLatestVersion } from '../db/imports.repository.js';
import { reportContentHash } from '../db/report-content-hash.js';
import { zhDate } from '../core/zh-text.js';
import { appendAuditEvent, type Actor } from '../db/audit.repository.js';
import { defaultTitle, type ExportReport, type TaskLedgerRow, type WarningLight } from '../export/types.js';
import { checkReport, type CheckFlag } from '../export/checks.js';
import { diffReports, type ReportDiff } from '../export/diff.js';
import { today } from './schedule.js';
import { levelWordOf, linkedNumberLabel } from '../core/plan-links.js';
import { listOtherLevelCodes } from '../db/plan-links.repository.js';
import { caseSummaryParagraphs } from './cases/case-report-summary.js';
import { endOfDay } from '../db/state-history.repository.js';
import { reportSourceAsOf, type ReportSourceAsOfRow } from '../db/state-history-reads.repository.js';

type SourceRow = ReportSourceRow & Partial<Pick<ReportSourceAsOfRow, 'measures' | 'documents'>>;

export interface ReportRequest {
  orgUnitId: number; inspectionId?: number; asOf?: string; withSummary?: boolean;
  /** Print the other levels' numbers beside each task's: "任务8（对应省任务9）" (plans linked across levels). */
  linkedNumbers?: boolean;
}

/** The report's latest published version, and whether what would be published now says the same. */
export interface PublishedState { id: number; version: number; asOf: string | null; publishedAt: string; unchanged: boolean }

export interface BuiltReport {
  report: ExportReport; ledgerRows: TaskLedgerRow[]; checks: CheckFlag[]; inspectionId: number;
  /** null before the report's first publication */
  published: PublishedState | null;
}

const LIGHT: Record<string, WarningLight> = { red: '红', yellow: '黄', green: '绿' };

function inScope(scopePaths: readonly string[], path: string): boolean {
  return scopePaths.some((p) => path.startsWith(p));
}

export async function buildReport(ctx: AppContext, scopePaths: readonly string[], req: ReportRequest): Promise<BuiltReport> {
  const org = await getOrgUnitById(ctx.db, req.orgUnitId);
  if (!inScope(scopePaths, org.path)) throw new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${req.orgUnitId} 的单位`);
  const inspections = await listInspectionsOfOrg(ctx.db, org);
  const inspection = req.inspectionId ? inspections.find((i) => i.id === req.inspectionId) : inspections[0];
  if (!inspection) throw new AppError('NOTHING_RECOGNIZED', `${org.name}在该督察下没有整改任务，无法生成报告`);
  const asOf = req.asOf ?? today();
  // A past day is read from the recorded history (what the ledger held at the end of that day); today and later from
  // the ledger itself, so the ordinary report costs nothing extra.
  const before = asOf < today() ? endOfDay(asOf) : undefined;
  const source: SourceRow[] = before ? await reportSourceAsOf(ctx.db, org, inspection.id, asOf) : await listReportSource(ctx.db, org, inspection.id);
  const reported = await latestAcceptedReports(ctx.db, source.map((s) => s.assignmentId), asOf, before);
  const evidence = await evidenceCounts(ctx.db, source.flatMap((s) => s.shareIds), before);
  const tasks: ParsedTask[] = [];
  const ledgerRows: TaskLedgerRow[] = [];
  const missingEvidence: string[] = [];
  for (const s of source) {
    // A task several units below hold reads as their roll-up, not as any one unit's report.
    const r = s.heldBy.length > 1 ? undefined : reported.get(s.assignmentId);
    const measures: Measure[] = r?.measures
      ? (JSON.parse(r.measures) as Measure[])
      : (s.measures ?? await listMeasures(ctx.db, s.assignmentId)).map((m) => ({ ordinal: m.ordinal, text: m.text, items: m.items }));
    // A share with no written status of its own (a parent whose state rolls up from its children) prints its computed one.
    const status = r?.statusText ?? s.statusText ?? (SCHEDULE_STATUS_WORDS[s.scheduleStatus as ScheduleStatus] || null);
    const documents = (s.documents ?? await listDocumentsOfAssignment(ctx.db, s.assignmentId)).map((d) => ({ title: d.title, number: d.number }));
    const units = JSON.parse(s.responsibleUnits) as string[];
    tasks.push({ code: s.code, number: s.number, problem: s.problem, goal: s.goal, status, statusCode: normalizeStatus(status).code, measures, units, deadline: s.deadlineText, documents, facts: [] });
    if (normalizeStatus(status).isCompleted && !s.shareIds.some((id) => evidence.get(id))) missingEvidence.push(s.code);
    ledgerRows.push({
      code: s.code, problem: s.problem, goal: s.goal, measures, unit: units.join('、') || org.name, person: s.responsiblePerson,
      deadline: s.deadlineDate ? new Date(`${s.deadlineDate}T00:00:00Z`) : s.deadlineText, status, warning: s.warning ? LIGHT[s.warning] ?? null : null,
      latestProgress: s.latestProgress, targetProgress: r?.progress ?? null, issues: r?.problems ?? null, actions: null, nextSteps: r?.nextSteps ?? null,
    });
  }
  const summary = req.withSummary ? [summaryParagraph(asOf, tasks)] : undefined;
  const caseSummary = req.withSummary ? await caseSummaryParagraphs(ctx, org, inspection.id, asOf, source.map((s) => s.assignmentId)) : undefined;
  const report: ExportReport = { label: '附件', title: defaultTitle(org.name, inspection.name.replace(/督察$/, '')), org: org.name, inspection: inspection.name, asOf, tasks, summary, caseSummary };
  // Publishing compares with the latest version; the checks of a past day's report with the version published by then.
  const previous = await findLatestVersion(ctx.db, org.id, inspection.id);
  const comparedWith = before ? await findLatestVersion(ctx.db, org.id, inspection.id, before) : previous;
  const previousContent = comparedWith && (await getPublishedReportContent(ctx.db, comparedWith.id));
  const published: PublishedState | null = previous
    ? { id: previous.id, version: previous.version, asOf: previous.asOf, publishedAt: previous.publishedAt, unchanged: previous.contentHash === reportContentHash(publicationContent(report)) }
    : null;
  const checks = checkReport(report, {
    missingEvidence, today: asOf,
    deadlines: Object.fromEntries(source.filter((s) => s.deadlineDate).map((s) => [s.code, s.deadlineDate!])),
    previous: previousContent ? ParsedReportSchema.parse(previousContent.content) : undefined,
  });
  if (req.linkedNumbers) {
    const labels = await linkedLabels(ctx, source, org.path);
    const relabel = <T extends { code: string }>(x: T, i: number): T => ({ ...x, code: labels.get(source[i]!.assignmentId)?.replace(/^任务/, '') ?? x.code });
    const relabeled = { ...report, tasks: report.tasks.map(relabel) };
    const state = published && { ...published, unchanged: previous?.contentHash === reportContentHash(publicationContent(relabeled)) };
    return { report: relabeled, ledgerRows: ledgerRows.map(relabel), checks, inspectionId: inspection.id, published: state };
  }
  return { report, ledgerRows, checks, inspectionId: inspection.id, published };
}

/** What a publication stores: the report as a document (the shape the public page reads). */
function publicationContent(report: ExportReport): ParsedReport {
  return { title: report.title, region: report.org, inspection: report.inspection, asOf: report.asOf, tasks: report.tasks, summary: [], warnings: [] };
}

/** "任务8（对应省任务9）" for each assignment whose task is linked to another level's (grouped by plan owner). */
async function linkedLabels(ctx: AppContext, source: readonly { assignmentId: number; code: string }[], orgPath: string): Promise<Map<number, string>> {
  const others = await listOtherLevelCodes(ctx.db, source.map((s) => s.assignmentId), orgPath);
  const codes = new Map(source.map((s) => [s.assignmentId, s.code]));
  const out = new Map<number, string>();
  for (const [id, list] of others) {
    const byOwner = new Map<string, { kind: string; codes: string[] }>();
    for (const o of list) byOwner.set(o.ownerName, { kind: o.ownerKind, codes: [...(byOwner.get(o.ownerName)?.codes ?? []), o.code] });
    // One unit's plan: its level word (省/市/县); several units' plans: their names.
    const parts = [...byOwner].map(([name, v]) => ({ level: byOwner.size === 1 ? levelWordOf(v.kind, name) : name, codes: v.codes }));
    out.set(id, linkedNumberLabel(codes.get(id) ?? '', parts));
  }
  return out;
}

function summaryParagraph(asOf: string, tasks: ParsedTask[]): string {
  const count = (pred: (t: ParsedTask) => boolean) => tasks.filter(pred).length;
  const done = count((t) => normalizeStatus(t.status).isCompleted);
  const onSchedule = count((t) => ['on_schedule', 'ahead_of_schedule', 'basically_completed'].includes(t.statusCode ?? ''));
  const behind = count((t) => t.statusCode === 'behind_schedule');
  const [y, m, d] = asOf.split('-').map(Number);
  return `截至${y}年${m}月${d}日，${tasks.length}项整改任务中，已完成整改${done}项，达到序时进度${onSchedule}项${behind ? `，未达到序时进度${behind}项` : ''}。`;
}

/**
 * What changed between the report as of `since` and as of `asOf` (default today), each read as the ledger stood at the
 * end of its day: from a date before anything was recorded, every task present at the end is new.
 */
export async function diffReportPeriods(ctx: AppContext, scopePaths: readonly string[], req: ReportRequest & { since: string }): Promise<ReportDiff> {
  const until = req.asOf ?? today();
  if (req.since > until) throw new AppError('VALIDATION_FAILED', `比较起始日期（${zhDate(req.since)}）不能晚于截止日期（${zhDate(until)}）`);
  const current = await buildReport(ctx, scopePaths, req);
  const previous = await buildReport(ctx, scopePaths, { ...req, asOf: req.since });
  return diffReports(previous.report, current.report);
}

/**
 * Publishes the report as of the date: a new version of the report of the unit on the inspection. A report that says
 * what its latest version says is not published again (409 ALREADY_PUBLISHED), checked in the transaction that
 * writes, so two clicks cannot both publish. Error flags refuse publication unless the publisher confirms with a
 * reason (kept in the audit trail); flags marked absolute (complainants' personal data) refuse it whatever the reason.
 */
export async function publishReport(ctx: AppContext, actor: Actor, scopePaths: readonly string[], req: ReportRequest & { confirmReason?: string }): Promise<{ id: number; version: number; checks: CheckFlag[] }> {
  const built = await buildReport(ctx, scopePaths, req);
  const errors = built.checks.filter((c) => c.severity === 'error');
  const absolute = errors.filter((c) => c.absolute);
  if (absolute.length > 0) throw new AppError('VALIDATION_FAILED', `报告含有不得公开的内容，必须先更正：${absolute[0]!.message}`, { checks: built.checks }, { messageCode: 'publishBlocked', params: {} });
  if (errors.length > 0 && !req.confirmReason?.trim()) {
    throw new AppError('VALIDATION_FAILED', `报告有 ${errors.length} 处问题：${errors[0]!.message.replace(/[。；，]+$/, '')}。请更正，或填写理由后确认发布`, { checks: built.checks }, { messageCode: 'publishNeedsReason', params: { n: errors.length } });
  }
  const published = await publishVersion(ctx, actor, {
    orgUnitId: req.orgUnitId, inspectionId: built.inspectionId, content: publicationContent(built.report), importId: null,
    audit: { tasks: built.report.tasks.length, flags: errors.map((e) => e.message), confirmReason: req.confirmReason ?? null },
  });
  return { ...published, checks: built.checks };
}

/**
 * Writes a new version of the report of a unit on an inspection, with its audit event, in one transaction; refuses
 * (409 ALREADY_PUBLISHED) content that says what the latest version says, checked inside the transaction that
 * writes, so two clicks cannot both publish (and two racing on PostgreSQL meet the unique version index).
 */
export async function publishVersion(ctx: AppContext, actor: Actor, v: { orgUnitId: number; inspectionId: number; content: ParsedReport; importId: number | null; audit?: Record<string, unknown> }): Promise<{ id: number; version: number }> {
  const hash = reportContentHash(v.content);
  return ctx.db.transaction().execute(async (tx) => {
    const latest = await findLatestVersion(tx, v.orgUnitId, v.inspectionId);
    if (latest && latest.contentHash === hash) {
      throw new AppError('ALREADY_PUBLISHED', `这份报告与已公开的第${latest.version}版（${zhDate(latest.publishedAt)}发布）内容相同，无需再次发布`, { id: latest.id, version: latest.version },
        { messageCode: 'reportUnchanged', params: { version: latest.version, publishedAt: latest.publishedAt } });
    }
    const id = await insertPublishedReport(tx, { orgUnitId: v.orgUnitId, inspectionId: v.inspectionId, title: v.content.title, asOf: v.content.asOf, content: v.content, importId: v.importId, publishedBy: actor.id });
    const version = (latest?.version ?? 0) + 1;
    await appendAuditEvent(tx, ctx.dialect, actor, { action: 'report.publish', entityType: 'published_report', entityId: id, after: { title: v.content.title, asOf: v.content.asOf, version, importId: v.importId, ...v.audit } });
    return { id, version };
  });
}
