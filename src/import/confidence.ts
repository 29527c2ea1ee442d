/**
 * How sure the reader is of each task: that it is a task, that its number and its status were read right.
 * Each doubt lowers the confidence by its weight and is named in `confidenceNotes`; a task below REVIEW_BELOW gets
 * a warning so that the import preview puts it in front of a person.
 */
import { REVIEW_BELOW, type ParsedTask, type ParseWarning } from '../core/report.js';
import type { Level } from './markers.js';
import { readNumeral } from './numerals.js';


export type TaskOrigin =
  | { source: 'table' }
  | {
      source: 'text';
      level: Level | 'fields' | null;
      /** Share of the family's headings that head exactly one status (or plan) field. */
      support: number;
      /** The family was taken for its headings' wording (关于…的问题), no field under them. */
      byWording?: boolean;
      inferredStatus: boolean;
      /** Where the code came from: its heading, a 编号 field, the title or opening of a notice, or nowhere. */
      codeFrom: 'heading' | 'field' | 'title' | 'opening' | 'body' | 'none';
    };

/** A task's code as numbers part by part (一(二) → [1, 2], 11.2 → [11, 2]); null when a part is not a number. */
function orderKey(task: ParsedTask): number[] | null {
  if (task.number === null) return null;
  const parts = task.code.split(/[.．()（）]/).filter(Boolean).map(readNumeral);
  return parts.length && parts.every((p): p is number => p !== null) ? parts : [task.number];
}

function after(key: readonly number[], previous: readonly number[]): boolean {
  for (let i = 0; i < Math.max(key.length, previous.length); i++) {
    const [a, b] = [key[i] ?? -1, previous[i] ?? -1];
    if (a !== b) return a > b;
  }
  return false;
}

const LEVEL_NAMES: Record<number, string> = { 1: '一、', 2: '（一）', 3: '1.', 4: '（1）', 5: '①' };

/** Sets confidence and confidenceNotes on every task; returns the warnings for those worth a person's look. */
export function assess(entries: readonly { line: number; task: ParsedTask; origin: TaskOrigin }[]): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  const withStatus = entries.filter((e) => e.task.status).length;
  const codes = new Map<string, number>();
  for (const { task } of entries) if (task.code) codes.set(task.code, (codes.get(task.code) ?? 0) + 1);
  let previous: number[] | null = null;
  for (const { line, task, origin } of entries) {
    const notes: [number, string][] = [];
    if (!task.code) notes.push([0.45, '没有读到任务编号']);
    else if (task.number === null) notes.push([0.15, `编号「${task.code}」不是数字`]);
    if (origin.source === 'text') {
      if (typeof origin.level === 'number' && origin.level > 0 && origin.support < 1) {
        const share = Math.round(origin.support * 100);
        notes.push([(1 - origin.support) * 0.5, `按「${LEVEL_NAMES[origin.level] ?? ''}」层级认定为任务，只有${share}%的该层标题下有唯一的进展栏目`]);
      }
      if (origin.byWording) notes.push([0.2, `按标题措辞（关于…问题）认定为任务，标题下没有进展或措施栏目`]);
      if (origin.codeFrom === 'opening' || origin.codeFrom === 'body') notes.push([0.1, '编号取自公示正文，不是标题']);
      if (origin.inferredStatus) notes.push([0.15, `整改状态「${task.status ?? ''}」是从叙述中推断的`]);
    }
    if (task.code && (codes.get(task.code) ?? 0) > 1) notes.push([0.3, `编号「${task.code}」在文件中出现多次`]);
    if (!task.status && withStatus > 0) notes.push([0.25, '没有写明整改状态（同一文件的其他任务写明了）']);
    else if (!task.status && entries.length === 1) notes.push([0.15, '没有写明整改状态']);
    if (task.status && !task.statusCode) notes.push([0.3, `整改状态「${task.status}」无法识别`]);
    if (!task.problem) notes.push([0.3, '没有问题内容']);
    else if (task.problem.length < 8) notes.push([0.15, `问题内容很短（「${task.problem}」）`]);
    // Compound codes are ordered part by part: 一(二) after 一(一), 11.2 after 11.1, 12 after 11.2.
    const key = orderKey(task);
    if (key && previous && !after(key, previous) && origin.source === 'text') {
      notes.push([0.1, `编号${task.code}不在上一个编号${previous.join('.')}之后`]);
    }
    if (key) previous = key;
    const confidence = Math.max(0, Math.round((1 - notes.reduce((s, [w]) => s + w, 0)) * 100) / 100);
    task.confidence = confidence;
    task.confidenceNotes = notes.map(([, n]) => n);
    if (confidence < REVIEW_BELOW) {
      warnings.push({
        line: line || null,
        message: `任务${task.code || '（无编号）'}需要人工确认（把握${Math.round(confidence * 100)}%）：${task.confidenceNotes.join('；')}`,
        ...(task.code ? { taskCode: task.code } : {}),
      });
    }
  }
  return warnings;
}
