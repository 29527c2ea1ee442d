/**
 * Which paragraphs are tasks. Decided by evidence, not by a list of words:
 * - explicit task headings (任务N / 第N项 / 问题N / 序号N) are tasks;
 * - otherwise the outline level (一、 （一） 1. （1） ①) whose headings each head exactly one status line (or, in
 *   a plan without progress, one goal/deadline/units line): for each level, segments holding exactly one such field
 *   count for it, segments holding none or several count against it;
 * - otherwise labelled problems (整改任务：/ 问题：) each start a task (closure notices);
 * - otherwise the text is narrative (an annual report about work in general) and has no tasks.
 * Headings above the task level (一、大气污染防治方面 over （一）tasks) are categories, not tasks.
 */
import type { Block, HeadingBlock } from './blocks.js';
import type { FieldKind, Level } from './markers.js';

export interface Segment {
  head: HeadingBlock | null;
  blocks: Block[];
  /** The category heading above the task (一、 over （一）), when the task level has one: its printed number. */
  parent?: { code: string };
}

export interface Outline {
  /** Blocks before the first task (title, preamble, summary sections). */
  preamble: Block[];
  segments: Segment[];
  /** Blocks outside any task (categories, narrative): read for summary figures. */
  others: Block[];
  /** The heading family read as tasks: 0 explicit task headings, 1–5 an outline level, 'fields' labelled problems. */
  level: Level | 'fields' | null;
  /** For an outline level: the share of its headings that head exactly one status (or plan) field, 0–1. */
  support: number;
  /** The level was taken for the wording of its headings (关于…的问题), not for fields under them. */
  byWording?: boolean;
}

export interface OutlineOptions {
  /** Heading families a person said are not tasks ("this heading family is not tasks"). */
  notTaskLevels?: readonly (Level | 'fields')[];
}

const EVIDENCE: readonly FieldKind[] = ['status', 'goal', 'deadline', 'units', 'measures'];
const SECTION = new Set<FieldKind>(['problem', 'goal', 'measures', 'units', 'deadline', 'leaders']);

function evidenceKind(blocks: readonly Block[]): FieldKind | null {
  const counts = new Map<FieldKind, number>();
  for (const b of blocks) if (b.kind === 'field') counts.set(b.field.kind, (counts.get(b.field.kind) ?? 0) + 1);
  let best: FieldKind | null = null;
  for (const k of EVIDENCE) if ((counts.get(k) ?? 0) > (best ? (counts.get(best) ?? 0) : 0)) best = k;
  return (counts.get('status') ?? 0) > 0 ? 'status' : best;
}

/**
 * Headings whose next sibling is their first sub-item (11. then 11.1, 11.2): the sub-items are the tasks, the
 * heading groups them.
 */
function parentsOfSubItems(blocks: readonly Block[]): Set<Block> {
  const parents = new Set<Block>();
  const heads = blocks.filter((b): b is HeadingBlock => b.kind === 'heading' && b.level === 3);
  heads.forEach((h, i) => {
    const next = heads[i + 1];
    if (next && !h.code.includes('.') && next.code.startsWith(`${h.code}.`)) parents.add(h);
  });
  return parents;
}

/** Sub-item headings (11.2) with no parent heading before them are not sub-items: their text is read as text. */
function withoutOrphanSubItems(blocks: readonly Block[]): Block[] {
  if (!blocks.some((b) => b.kind === 'heading' && b.code.includes('.'))) return blocks.slice();
  const seen = new Set<string>();
  return blocks.map((b) => {
    if (b.kind !== 'heading' || b.level !== 3) return b;
    if (!b.code.includes('.')) {
      seen.add(b.code);
      return b;
    }
    return seen.has(b.code.split('.')[0] ?? '') ? b : { kind: 'text', text: b.text, line: b.line };
  });
}

function score(blocks: readonly Block[], level: Level, kind: FieldKind, parents: ReadonlySet<Block> = new Set()): { score: number; support: number } {
  let result = 0;
  let open = -1;
  let heads = 0;
  let good = 0;
  const close = (): void => {
    if (open >= 0) heads++;
    if (open === 1) {
      result += 1;
      good++;
    } else if (open >= 0) result -= open === 0 ? 1 : open - 1;
    open = -1;
  };
  for (const b of blocks) {
    if (b.kind === 'heading' && b.level !== 0 && b.level <= level) {
      close();
      if (b.level === level && !parents.has(b)) open = 0;
    } else if (b.kind === 'field' && b.marker && b.marker.level !== 0 && b.marker.level <= level) {
      // A section labelled at the same level (一、指导思想 … 二、整改目标) is the heading's sibling, not its field.
      close();
    } else if (b.kind === 'field' && b.field.kind === kind && open >= 0) open++;
  }
  close();
  return { score: result, support: heads ? good / heads : 0 };
}

function taskLevel(blocks: readonly Block[], not: readonly (Level | 'fields')[]): { level: Level | 'fields' | null; support: number; byWording?: boolean } {
  if (!not.includes(0) && blocks.some((b) => b.kind === 'heading' && b.level === 0)) return { level: 0, support: 1 };
  const kind = evidenceKind(blocks);
  if (kind) {
    let best: { level: Level; score: number; support: number } | null = null;
    for (const level of [1, 2, 3, 4, 5] as const) {
      if (not.includes(level)) continue;
      const first = blocks.findIndex((b) => b.kind === 'heading' && b.level === level);
      if (first < 0) continue;
      // Headings that come after a labelled problem or section (整改任务：… 整改措施：（一）…) belong to it.
      if (blocks.slice(0, first).some((b) => b.kind === 'field' && SECTION.has(b.field.kind))) continue;
      const s = score(blocks, level, kind, level === 3 ? parentsOfSubItems(blocks) : new Set());
      if (s.score > 0 && (!best || s.score > best.score)) best = { level, ...s };
    }
    if (best) return { level: best.level, support: best.support };
  }
  const fields = !not.includes('fields') && blocks.some((b) => b.kind === 'field' && b.field.kind === 'problem');
  if (!fields) {
    const worded = problemWordedLevel(blocks, not);
    if (worded) return { level: worded, support: 1, byWording: true };
  }
  return { level: fields ? 'fields' : null, support: 1 };
}

// A heading that names a problem: （一）关于省级预算执行进度较为缓慢的问题。 / 1.关于“……”问题的整改 — its first
// sentence starts with 关于 and ends with 问题 (or 问题的整改/整改情况).
const PROBLEM_WORDED = /^关于[\s\S]{2,300}?问题(?:的)?(?:整改(?:落实|进展|完成)?(?:情况)?)?$/;

/**
 * A heading's text split after its first sentence when that sentence names a problem (关于…的问题。县财政局已…):
 * the problem, and what was done about it. Null when the first sentence is not so worded.
 */
export function splitWordedHeading(rest: string): { problem: string; after: string } | null {
  const m = /[。；;]/.exec(rest);
  const first = (m ? rest.slice(0, m.index) : rest).trim().replace(/[:：]$/, '');
  if (!PROBLEM_WORDED.test(first)) return null;
  return { problem: m ? rest.slice(0, m.index + 1).trim() : rest.trim(), after: m ? rest.slice(m.index + 1).trim() : '' };
}

function problemWorded(b: HeadingBlock): boolean {
  return splitWordedHeading(b.rest) !== null;
}

/**
 * Reports on problems found (an audit's, an inspection's) head each problem 关于…的问题 without a status label: the
 * shallowest outline level all of whose headings are so worded is the task level.
 */
function problemWordedLevel(blocks: readonly Block[], not: readonly (Level | 'fields')[]): Level | null {
  for (const level of [1, 2, 3, 4, 5] as const) {
    if (not.includes(level)) continue;
    const heads = blocks.filter((b): b is HeadingBlock => b.kind === 'heading' && b.level === level);
    if (heads.length && heads.every(problemWorded)) return level;
  }
  return null;
}

/** A short unpunctuated heading right before a task heading groups tasks (一、大气污染防治方面). */
function isCategory(b: HeadingBlock, next: Block | undefined): boolean {
  return next?.kind === 'heading' && next.level === 0 && b.text.length <= 40 && !/[。；;]/.test(b.text);
}

/** Splits classified blocks into the preamble, task segments and the rest. */
export function outline(input: readonly Block[], options: OutlineOptions = {}): Outline {
  const blocks = withoutOrphanSubItems(input);
  const { level, support, byWording } = taskLevel(blocks, options.notTaskLevels ?? []);
  const parents = level === 3 ? parentsOfSubItems(blocks) : new Set<Block>();
  const result: Outline = { preamble: [], segments: [], others: [], level, support, ...(byWording ? { byWording } : {}) };
  if (level === null) {
    result.preamble = blocks.slice();
    return result;
  }
  let current: Segment | null = null;
  let parent: { code: string } | undefined;
  blocks.forEach((b, i) => {
    const startsTask =
      level === 'fields'
        ? opensTask(b, current)
        : b.kind === 'heading' && b.level === level && !parents.has(b);
    if (parents.has(b)) {
      current = null;
      result.others.push(b);
      return;
    }
    if (startsTask) {
      current = { head: b.kind === 'heading' ? b : null, blocks: b.kind === 'heading' ? [] : [b], ...(parent ? { parent } : {}) };
      result.segments.push(current);
      return;
    }
    if (b.kind === 'heading' && typeof level === 'number' && level > 1 && b.level === level - 1) parent = { code: b.code };
    // A section labelled above the task level (一、…问题的整改情况 over （一）关于…的问题) is a category too.
    if (b.kind === 'field' && b.marker && b.marker.level !== 0 && typeof level === 'number' && level > 0 && b.marker.level < level) {
      if (b.marker.level === level - 1) parent = { code: b.marker.code };
      current = null;
      result.others.push(b);
      return;
    }
    const category =
      b.kind === 'heading' &&
      typeof level === 'number' &&
      b.level !== 0 &&
      (level === 0 ? isCategory(b, blocks[i + 1]) : b.level < level);
    if (category) {
      current = null;
      result.others.push(b);
    } else if (current) current.blocks.push(b);
    else result.preamble.push(b);
  });
  return result;
}

/**
 * Without headings, a labelled problem or number (序号：/整改任务：) starts a task, unless it belongs to the task
 * just started: 任务编号：38 then 整改任务：… is one task; a second 整改任务： or anything after progress is the next.
 */
function opensTask(b: Block, current: Segment | null): boolean {
  if (b.kind !== 'field' || (b.field.kind !== 'problem' && b.field.kind !== 'code')) return false;
  if (!current) return true;
  const kind = b.field.kind;
  return current.blocks.some(
    (x) => x.kind === 'field' && (x.field.kind === kind || (x.field.kind !== 'problem' && x.field.kind !== 'code')),
  );
}
