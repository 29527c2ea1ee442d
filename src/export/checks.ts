/**
 * Pre-publication checks of a progress report: what a reviewer must look at before the report goes out. Each flag
 * names its task and says, in Chinese, what is wrong; errors block publication, warnings ask for a second look.
 */
import { parseDeadline } from '../core/deadline.js';
import type { ParsedReport, ParsedTask } from '../core/report.js';
import { normalizeStatus } from '../core/status.js';
import { diffReports } from './diff.js';
import { findPersonalData, type PersonalDataKind } from './personal-data.js';
import type { ExportReport } from './types.js';
import { zhDate } from '../core/zh-text.js';

export interface CheckFlag {
  severity: 'error' | 'warning';
  /** Set on flags no one may publish past, whatever reason is given (complainants' personal data). */
  absolute?: true;
  /** null for the report as a whole (title, summaries). */
  taskCode: string | null;
  message: string;
}

/** An indicator of a task with its target and the value reached. */
export interface IndicatorFact {
  taskCode: string;
  name: string;
  target: number;
  actual: number;
  unit?: string;
  /** false for indicators that must go down (emissions, backlog). Default true. */
  higherIsBetter?: boolean;
}

/** What the ledger knows beyond the report's text. Every field is optional: a check without its data is skipped. */
export interface LedgerFacts {
  /** Number of measures not yet done, per task code. */
  openMeasures?: Record<string, number>;
  indicators?: IndicatorFact[];
  /** Codes of tasks whose evidence (佐证材料) is missing. */
  missingEvidence?: string[];
  /** Deadlines per task code, for tasks whose report text carries none. */
  deadlines?: Record<string, string>;
  /** The date deadlines are judged against (YYYY-MM-DD); default the report's asOf, else today. */
  today?: string;
  /** The previous report, to find figures changed without explanation. */
  previous?: Pick<ParsedReport | ExportReport, 'tasks'>;
}

/** A report to check: read from a file (ParsedReport) or about to be printed (ExportReport). */
export interface CheckedReport {
  title: string;
  tasks: ParsedTask[];
  asOf?: string | null;
  summary?: ReadonlyArray<string | { text: string }>;
  caseSummary?: readonly string[];
}

const STILL_OPEN = /尚未完成|正在(?:推进|实施|建设|整改)|仍在(?:推进|实施|建设)|尚未(?:启动|开工|建成|完工)/;
const EXPLAINED = /更正|核实|调整|修正|核减|重新(?:核定|统计)|统计口径/;
const PROGRESS_CONTEXT = /累计|截至|目前|已/;
const KIND_LABEL: Record<PersonalDataKind, string> = { mobile: '手机号码', landline: '固定电话', idCard: '身份证号码', complainant: '举报人信息' };

const sentences = (text: string) => text.split(/[。；;\n]/);
const pct = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => Number(m[1]));
const TARGET = /目标(?:值|要求)?[^。；，,\d]{0,12}?(\d+(?:\.\d+)?)\s*[%％]|(\d+(?:\.\d+)?)\s*[%％]\s*的?(?:目标|要求)/g;
const REACHED = /(?:达到了?|达|提高到|提升至|提高至|为)\s*(\d+(?:\.\d+)?)\s*[%％]/g;

/** Shows where personal data sits without repeating all of it: 139****5678. */
function hint(text: string): string {
  return text.length > 7 ? `${text.slice(0, 3)}****${text.slice(-4)}` : `${text.slice(0, 4)}…`;
}

function targetFlags(task: ParsedTask, completed: boolean): CheckFlag[] {
  const flags: CheckFlag[] = [];
  const goalTargets = pct(/(\d+(?:\.\d+)?)\s*[%％]/g, task.goal ?? '');
  for (const s of task.measures.flatMap((m) => sentences(m.text))) {
    const targets = pct(TARGET, s).filter((n) => !Number.isNaN(n));
    const reached = pct(REACHED, s).filter((n) => !targets.includes(n));
    const target = targets[0] ?? (goalTargets.length === 1 ? goalTargets[0] : undefined);
    const low = reached.find((r) => target !== undefined && r < target);
    if (target !== undefined && low !== undefined) {
      flags.push({ severity: completed ? 'error' : 'warning', taskCode: task.code, message: `任务${task.code}目标为${target}%，文中仅达到${low}%${completed ? '，却报告已完成整改' : ''}：“${s.trim().slice(0, 60)}”` });
    }
  }
  return flags;
}

/** Runs every check on a report; `facts` supplies what the text alone cannot tell. */
export function checkReport(report: CheckedReport, facts: LedgerFacts = {}): CheckFlag[] {
  const flags: CheckFlag[] = [];
  const today = facts.today ?? report.asOf ?? new Date().toISOString().slice(0, 10);
  const changed = facts.previous ? diffReports(facts.previous, report).changedFigures : [];

  for (const task of report.tasks) {
    const code = task.code;
    const status = normalizeStatus(task.status);
    const done = status.isCompleted;
    const open = facts.openMeasures?.[code] ?? 0;
    if (done && open > 0) flags.push({ severity: 'error', taskCode: code, message: `任务${code}报告“${task.status ?? ''}”，但台账中仍有${open}项措施未完成` });
    const openText = done ? task.measures.find((m) => STILL_OPEN.test(m.text)) : undefined;
    if (openText) flags.push({ severity: 'warning', taskCode: code, message: `任务${code}报告已完成整改，但措施中写有“${STILL_OPEN.exec(openText.text)?.[0] ?? ''}”` });

    flags.push(...targetFlags(task, done));
    for (const ind of facts.indicators?.filter((i) => i.taskCode === code) ?? []) {
      const short = ind.higherIsBetter === false ? ind.actual > ind.target : ind.actual < ind.target;
      const unit = ind.unit ?? '';
      if (short) flags.push({ severity: done ? 'error' : 'warning', taskCode: code, message: `任务${code}指标“${ind.name}”目标${ind.target}${unit}，实际${ind.actual}${unit}，未达到目标` });
    }
    if (facts.missingEvidence?.includes(code)) {
      flags.push({ severity: done ? 'error' : 'warning', taskCode: code, message: `任务${code}缺少佐证材料${done ? '，不能按已完成整改报告' : ''}` });
    }
    const deadline = parseDeadline(task.deadline ?? facts.deadlines?.[code]);
    if (deadline.kind === 'by_date' && deadline.date && deadline.date < today && !done) {
      flags.push({ severity: 'error', taskCode: code, message: `任务${code}整改时限（${zhDate(deadline.date)}）已过，尚未完成整改（当前：${task.status ?? '未填写'}）` });
    }
    const explained = EXPLAINED.test([task.problem, ...task.measures.map((m) => m.text)].join(''));
    for (const f of changed.filter((c) => c.code === code)) {
      const isProgress = PROGRESS_CONTEXT.test(f.context) && f.after > f.before;
      if (explained || isProgress) continue;
      flags.push({ severity: 'warning', taskCode: code, message: `任务${code}“${f.context}”由上期${f.before}${f.unit}变为${f.after}${f.unit}，未说明原因` });
    }
  }
  flags.push(...personalDataFlags(report));
  return flags;
}

function personalDataFlags(report: CheckedReport): CheckFlag[] {
  const places: [string | null, string][] = [
    [null, [report.title, ...(report.summary ?? []).map((p) => (typeof p === 'string' ? p : p.text)), ...(report.caseSummary ?? [])].join('\n')],
    ...report.tasks.map((t): [string, string] => [t.code, [t.problem, t.goal ?? '', t.status ?? '', ...t.units, ...t.measures.map((m) => m.text)].join('\n')]),
  ];
  return places.flatMap(([taskCode, text]) =>
    findPersonalData(text).map((hit) => ({
      severity: 'error' as const,
      absolute: true as const,
      taskCode,
      message: `${taskCode ? `任务${taskCode}` : '报告正文'}含有疑似${KIND_LABEL[hit.kind]}（${hint(hit.text)}），举报人个人信息不得公开`,
    })),
  );
}
