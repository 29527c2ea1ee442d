/**
 * Period-over-period changes between two progress reports of the same plan: tasks added and removed, statuses
 * changed, tasks newly completed or closed, new measures, and figures that changed under the same wording.
 */
import type { ParsedReport, ParsedTask } from '../core/report.js';
import { normalizeStatus } from '../core/status.js';
import { escapeMarkdown } from './text.js';
import { extractFigures } from './figures.js';
import type { ExportReport } from './types.js';

export interface TaskRef { code: string; problem: string }
export interface StatusChange { code: string; from: string | null; to: string | null }
export interface NewMeasure { code: string; text: string }
export interface FigureChange { code: string; context: string; unit: string; before: number; after: number }

/** What changed from one report to the next; every list is in the current report's task order. */
export interface ReportDiff {
  added: TaskRef[];
  removed: TaskRef[];
  statusChanged: StatusChange[];
  /** Codes of tasks completed now that were not before (closure counts as completion). */
  newlyCompleted: string[];
  newlyClosed: string[];
  newMeasures: NewMeasure[];
  changedFigures: FigureChange[];
}

type AnyReport = Pick<ParsedReport | ExportReport, 'tasks'>;

const squash = (s: string) => s.replace(/\s+/g, '');
// A measure keeps its identity while its figures are updated: compare its lead sentence without digits.
const measureKey = (text: string) => squash(text).replace(/^（[一二三四五六七八九十]+）/, '').split('。')[0]?.replace(/[\d.]+/g, '') ?? '';
const taskText = (t: ParsedTask) => [t.problem, t.goal ?? '', ...t.measures.map((m) => m.text)].join('\n');

/** Compares the previous report with the current one, task by task (tasks matched by code). */
export function diffReports(previous: AnyReport, current: AnyReport): ReportDiff {
  const before = new Map(previous.tasks.map((t) => [t.code, t]));
  const nowCodes = new Set(current.tasks.map((t) => t.code));
  const diff: ReportDiff = {
    added: [], removed: [], statusChanged: [], newlyCompleted: [], newlyClosed: [], newMeasures: [], changedFigures: [],
  };
  diff.removed = previous.tasks.filter((t) => !nowCodes.has(t.code)).map((t) => ({ code: t.code, problem: t.problem }));

  for (const task of current.tasks) {
    const old = before.get(task.code);
    if (!old) { diff.added.push({ code: task.code, problem: task.problem }); continue; }
    if (squash(old.status ?? '') !== squash(task.status ?? '')) diff.statusChanged.push({ code: task.code, from: old.status, to: task.status });
    const was = normalizeStatus(old.status);
    const is = normalizeStatus(task.status);
    if (is.isCompleted && !was.isCompleted) diff.newlyCompleted.push(task.code);
    if (is.isClosed && !was.isClosed) diff.newlyClosed.push(task.code);

    const oldMeasures = new Set(old.measures.map((m) => measureKey(m.text)));
    for (const m of task.measures) if (!oldMeasures.has(measureKey(m.text))) diff.newMeasures.push({ code: task.code, text: m.text });

    const oldFigures = new Map(extractFigures(taskText(old)).map((f) => [f.key, f]));
    for (const f of extractFigures(taskText(task))) {
      const o = oldFigures.get(f.key);
      if (o && o.value !== f.value) diff.changedFigures.push({ code: task.code, context: f.context, unit: f.unit, before: o.value, after: f.value });
    }
  }
  return diff;
}

const status = (s: string | null) => s ?? '（无）';

/** Writes a diff as a Markdown summary for the reviewer, one section per kind of change. */
export function renderDiffMarkdown(diff: ReportDiff): string {
  const sections: [string, string[]][] = [
    ['新增任务', diff.added.map((t) => `任务${t.code}：${t.problem}`)],
    ['移除任务', diff.removed.map((t) => `任务${t.code}：${t.problem}`)],
    ['整改状态变化', diff.statusChanged.map((c) => `任务${c.code}：${status(c.from)} → ${status(c.to)}`)],
    ['新完成整改', diff.newlyCompleted.map((c) => `任务${c}`)],
    ['新销号', diff.newlyClosed.map((c) => `任务${c}`)],
    ['新增措施', diff.newMeasures.map((m) => `任务${m.code}：${m.text}`)],
    ['数据变化', diff.changedFigures.map((f) => `任务${f.code}：${f.context}：${f.before}${f.unit} → ${f.after}${f.unit}`)],
  ];
  const body = sections
    .filter(([, lines]) => lines.length)
    .map(([heading, lines]) => `## ${heading}（${lines.length}）\n\n${lines.map((l) => `- ${escapeMarkdown(l)}`).join('\n')}`);
  return `# 与上期相比的变化\n\n${body.length ? body.join('\n\n') : '无变化。'}\n`;
}
