/**
 * One task segment (its heading and the blocks up to the next task) → a ParsedTask.
 * The blocks are read in order: text after the heading is the problem until a field comes; a status field opens
 * the status section (its first sentence is the status, the rest are measures unless a 整改措施 section exists, in
 * which case they are the progress narrative); goal, units and deadline fields take their text and the plain
 * paragraphs under a label standing alone.
 */
import type { ParsedTask } from '../core/report.js';
import { normalizeStatus } from '../core/status.js';
import { joinPieces, stripEndPunct } from './chars.js';
import { extractDocuments } from './documents.js';
import { extractFacts } from './facts.js';
import { type FieldKind, readMarker } from './markers.js';
import { buildMeasures } from './measures.js';
import { firstNumeral } from './numerals.js';
import { type Segment, splitWordedHeading } from './outline.js';
import { splitStatus } from './status-text.js';
import { mentionedUnits, splitUnits } from './units.js';

export type Warn = (line: number | null, message: string) => void;

type Mode = Exclude<FieldKind, 'code' | 'notice'>;

const join = (parts: readonly string[]): string => parts.map((p) => p.trim()).filter(Boolean).reduce(joinPieces, '');

/** A status written in brackets at the end of a heading: （一）…问题（已完成整改）. */
function trailingStatus(text: string): { text: string; status: string | null } {
  const m = /[(（]([^()（）]{2,20})[)）][。.]?$/.exec(text);
  if (!m || !normalizeStatus(m[1]).code) return { text, status: null };
  return { text: text.slice(0, m.index).trim(), status: m[1]?.trim() ?? null };
}

/** 责任人：张某（副市长）、李某 → one name with its position per entry. */
export function splitLeaders(texts: readonly string[]): string[] {
  const names = texts.flatMap((t) => stripEndPunct(t).split(/[、，,；;]|\s+/)).map((n) => n.trim()).filter(Boolean);
  return [...new Set(names)];
}

/** 一、关于“……”整改进展情况： — the problem is the quoted text. */
function unquote(text: string): string {
  const m = /^关于\s*[“"「『]([\s\S]+)[”"」』](?:的?问题)?(?:的?整改(?:情况)?)?[。：:]?$/.exec(text);
  return m?.[1]?.trim() ?? text;
}

export interface BuiltTask {
  task: ParsedTask;
  /** The status was found in prose rather than stated on its own. */
  inferredStatus: boolean;
  /** Where the code came from when the segment has no heading: a 编号：field in it, or the notice's fallback. */
  codeFrom: 'heading' | 'field' | 'fallback';
}

/** Builds a task from its segment; null (with a warning) when nothing in it is readable. */
export function buildTask(seg: Segment, fallbackCode: { code: string; number: number | null }, warn: Warn): BuiltTask | null {
  const head = seg.head;
  const line = head?.line ?? seg.blocks[0]?.line ?? null;
  const heading = trailingStatus(unquote(head?.rest ?? ''));
  let codeFrom: BuiltTask['codeFrom'] = head ? 'heading' : 'fallback';
  const parts: Record<Mode, string[]> = { problem: [heading.text], status: [], goal: [], measures: [], units: [], leaders: [], deadline: [], other: [] };
  // （一）关于…的问题。县财政局已…: the sentence naming the problem, then the account of its rectification.
  const worded = head && !seg.blocks.some((b) => b.kind === 'field' && b.field.kind === 'status') ? splitWordedHeading(heading.text) : null;
  if (worded?.after) {
    parts.problem = [worded.problem];
    parts.status.push(worded.after);
  }
  let code = head?.code ?? fallbackCode.code;
  let number = head ? head.number : fallbackCode.number;
  let mode: Mode = 'problem';
  let hasStatus = false;
  let hasMeasures = false;
  const laterProgress = (i: number): boolean =>
    seg.blocks.slice(i).some((b) => b.kind === 'field' && (b.field.kind === 'status' || b.field.kind === 'measures'));

  seg.blocks.forEach((b, i) => {
    if (b.kind === 'table') return;
    if (b.kind === 'field') {
      const { kind, content, label } = b.field;
      if (kind === 'code') {
        if (!head && content) {
          [code, number] = [content, firstNumeral(content)];
          codeFrom = 'field';
        }
        return;
      }
      if (kind === 'notice') {
        mode = 'other';
        return;
      }
      // 存在问题 after the progress is what is left to do, not the task's problem.
      mode = kind === 'problem' && (hasStatus || hasMeasures) ? 'other' : kind;
      if (mode === 'other') warn(b.line, `未读取的栏目「${label}」`);
      if (kind === 'status') hasStatus = true;
      if (kind === 'measures') hasMeasures = true;
      if (content) parts[mode].push(content);
      return;
    }
    if (mode === 'problem' && b.kind === 'heading' && !laterProgress(i)) mode = 'measures';
    parts[mode].push(b.text);
  });

  const { status: written, rest, inferred } = splitStatus(parts.status);
  const status = written ?? heading.status;
  const measureParas = hasMeasures ? parts.measures : [...parts.measures, ...rest];
  const measures = buildMeasures(measureParas);
  const progress = hasMeasures && rest.length ? join(rest) : null;
  // The only problem of a notice numbered by its own marker: 一、整改问题 ⏎ （一）宿马园区…
  const lead = !code ? readMarker(parts.problem.find((t) => t.trim()) ?? '') : null;
  if (lead && lead.level > 0 && lead.number !== null) {
    const at = parts.problem.findIndex((t) => t.trim());
    parts.problem[at] = lead.rest;
    [code, number] = [lead.code, lead.number];
  }
  const problem = join(parts.problem);
  const label = code ? `任务${code}` : '任务';
  if (!problem && !status && !measures.length) {
    warn(line, `${label}只有标题，没有问题、状态或措施，已跳过`);
    return null;
  }
  if (!problem) warn(line, `${label}没有问题内容`);
  const statusCode = normalizeStatus(status).code;
  if (status && !statusCode) warn(line, `${label}的整改状态无法识别：${status}`);
  const goal = join(parts.goal) || null;
  const explicitUnits = parts.units.flatMap(splitUnits);
  const bodyText = [status ?? '', ...measures.map((m) => m.text), progress ?? ''].join('\n');
  const units = explicitUnits.length ? [...new Set(explicitUnits)] : mentionedUnits(bodyText);
  const deadline = parts.deadline.length ? stripEndPunct(join(parts.deadline)) : null;
  const allText = [problem, goal ?? '', bodyText].join('\n');
  const task: ParsedTask = {
    code,
    number,
    problem,
    goal,
    status: status ?? null,
    statusCode,
    measures,
    units,
    deadline: deadline || null,
    documents: extractDocuments(allText),
    facts: extractFacts(allText),
  };
  if (progress) task.progress = progress;
  const leaders = splitLeaders(parts.leaders);
  if (leaders.length) task.leaders = leaders;
  return { task, inferredStatus: Boolean(inferred && written), codeFrom };
}
