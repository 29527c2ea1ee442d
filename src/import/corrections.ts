/**
 * A person's corrections from the import preview, applied to a reading (see ImportCorrectionSchema). A correction
 * applies to the rest of the file where it can: "this heading family is not tasks" re-reads the file without that
 * family; a status given for a task's written status is given to every task whose status is written the same way.
 */
import { AppError } from '../core/errors.js';
import type { ImportCorrection, ParsedReport, ParsedTask, ParseWarning } from '../core/report.js';
import { STATUS_LABELS } from '../core/status.js';
import type { TaskOrigin } from './confidence.js';
import type { Level } from './markers.js';
import { firstNumeral } from './numerals.js';

export interface Entry {
  task: ParsedTask;
  origin: TaskOrigin;
}

const FAMILY_NAMES: Record<string, string> = { 0: '任务N/第N项', 1: '一、', 2: '（一）', 3: '1.', 4: '（1）', 5: '①', fields: '整改任务：' };

/** Every corrected task must be one the reading found; otherwise the corrections are for another file. */
export function checkCorrections(corrections: readonly ImportCorrection[], entries: readonly Entry[]): void {
  const codes = new Set(entries.map((e) => e.task.code));
  const unknown = corrections.filter((c) => !codes.has(c.task)).map((c) => c.task);
  if (unknown.length) {
    throw new AppError('VALIDATION_FAILED', `更正中的任务「${unknown.slice(0, 5).join('、')}」不在这份文件的识别结果中，请重新预览后再更正`, [
      { field: 'corrections', message: `未知任务：${unknown.join('、')}` },
    ]);
  }
}

/** The heading families a person said are not tasks, from the tasks they marked (text tasks only). */
export function excludedFamilies(corrections: readonly ImportCorrection[], entries: readonly Entry[]): (Level | 'fields')[] {
  const out = new Set<Level | 'fields'>();
  for (const c of corrections) {
    if (!c.notATask || !c.family) continue;
    const origin = entries.find((e) => e.task.code === c.task)?.origin;
    if (origin?.source === 'text' && origin.level !== null) out.add(origin.level);
  }
  return [...out];
}

/** Applies the per-task corrections to a reading (after any re-reading without excluded families). */
export function applyCorrections(report: ParsedReport, entries: readonly Entry[], corrections: readonly ImportCorrection[], families: readonly (Level | 'fields')[]): void {
  const corrected = new Set<string>();
  const removed = new Set<ParsedTask>();
  for (const c of corrections) {
    if (c.family) continue;
    const entry = entries.find((e) => e.task.code === c.task && !removed.has(e.task));
    if (!entry) continue;
    const t = entry.task;
    if (c.notATask) {
      removed.add(t);
      continue;
    }
    const notes: string[] = [];
    if (c.status && c.status !== t.statusCode) {
      const written = t.status;
      t.statusCode = c.status;
      t.status ??= STATUS_LABELS[c.status];
      notes.push(`整改状态更正为「${STATUS_LABELS[c.status]}」`);
      // The same words elsewhere in the file mean the same: 有所好转 → in progress for every task that says so.
      if (written) {
        for (const other of entries) {
          if (other === entry || other.task.status !== written || corrections.some((x) => x.task === other.task.code)) continue;
          other.task.statusCode = c.status;
          other.task.confidenceNotes = [...(other.task.confidenceNotes ?? []).filter((n) => !n.startsWith('整改状态')), `整改状态「${written}」按人工对任务${t.code}的更正读取`];
          other.task.confidence = Math.max(other.task.confidence ?? 0, 0.9);
          corrected.add(other.task.code);
        }
      }
    }
    if (c.problem && c.problem !== t.problem) {
      t.problem = c.problem;
      notes.push('问题内容已人工更正');
    }
    corrected.add(t.code);
    if (c.number && c.number !== t.code) {
      notes.push(`编号由「${t.code}」更正为「${c.number}」`);
      t.code = c.number;
      t.number = firstNumeral(c.number);
      corrected.add(t.code);
    }
    t.confidence = 1;
    t.confidenceNotes = notes.length ? notes : ['已人工确认'];
  }
  if (removed.size) report.tasks = report.tasks.filter((t) => !removed.has(t));
  // What a person settled is no longer worth a warning: the review of a corrected task, its unreadable status.
  const settled = (w: ParseWarning): boolean =>
    (w.taskCode !== undefined && corrected.has(w.taskCode) && w.message.includes('需要人工确认')) ||
    [...corrected].some((code) => w.message.startsWith(`任务${code}的整改状态无法识别`));
  report.warnings = report.warnings.filter((w) => !settled(w));
  for (const f of families) {
    report.warnings.push({ line: null, message: `按人工更正，「${FAMILY_NAMES[String(f)] ?? f}」这一类标题不是任务，已不按它识别任务` });
  }
  if (removed.size) report.warnings.push({ line: null, message: `按人工更正，${removed.size} 项不是任务，已去掉` });
}
