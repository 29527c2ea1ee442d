/**
 * Paragraphs → typed blocks: a heading (task heading or outline marker), a labelled field, plain text, or a table.
 * A heading whose words are a field label (一、整改任务, （三）整改措施：…) is a field; a field written inside a
 * paragraph after a sentence end (…。整改进展情况：已完成。) is split off into its own block.
 */
import { normalizeStatus } from '../core/status.js';
import { type Field, type Level, readField, readMarker, readTailLabel, splitInlineFields } from './markers.js';
import type { Para } from './reflow.js';

export interface HeadingBlock {
  kind: 'heading';
  level: Level;
  code: string;
  number: number | null;
  /** Text after the marker. */
  rest: string;
  /** The paragraph as printed, marker included. */
  text: string;
  line: number;
}
export interface FieldBlock {
  kind: 'field';
  field: Field;
  text: string;
  line: number;
  /** The outline marker printed before the label: （四）反馈问题：… (a task number, or a section of a notice). */
  marker?: { level: Level; code: string; number: number | null };
}
export interface TextBlock {
  kind: 'text';
  text: string;
  line: number;
}
export interface TableBlock {
  kind: 'table';
  rows: string[][];
  line: number;
}
export type Block = HeadingBlock | FieldBlock | TextBlock | TableBlock;

// A field's text is its own label and content, not the whole paragraph: a paragraph of many inline fields must
// not be copied once per field.
function fieldBlocks(fields: Field[], line: number): FieldBlock[] {
  return fields.map((field) => ({ kind: 'field', field, text: `${field.label}：${field.content}`, line }));
}

// Where a flattened page runs a task heading into the text before it: …整改任务问题编号十四：… / …清单一、关于“…
const EMBEDDED = /(?<=.)(?=(?:问题|任务)编号\s*(?:\d{1,4}|[零〇一二两三四五六七八九十百]{1,6})\s*[:：])|(?<=[^、，,；;：:“"（(\d])(?=[一二三四五六七八九十]{1,3}、关于\s*[“"「])/g;

/** Splits a paragraph where a task heading was run into it (see EMBEDDED). */
function splitEmbedded(p: Para): Para[] {
  if (!p.text.includes('编号') && !p.text.includes('关于')) return [p];
  const cuts = [...p.text.matchAll(EMBEDDED)].map((m) => m.index).filter((i) => i > 0);
  if (!cuts.length) return [p];
  const bounds = [0, ...cuts, p.text.length];
  const out: Para[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const text = p.text.slice(bounds[i], bounds[i + 1]).trim();
    if (text) out.push({ text, line: p.line });
  }
  return out;
}

const STATUS_SUBJECT = /^(?:该|此|本)(?:个|项)?(?:问题|任务|事项|项目)?(?:的)?(?:整改)?/;
const STATUS_START = /^(?:已|已经|基本|全面|全部|正在|尚未|未|达到|超过|持续|完成|整改|按)/;

/**
 * A paragraph that opens with the task's verdict, unlabelled: "该问题已完成整改。一是…" / "已完成整改。" — read
 * as a status field. Only a short first clause that is a status phrase and nothing more (no figures) counts.
 */
function leadingStatus(text: string): Field | null {
  const clause = /^[^，,。；;！!：:]+/.exec(text)?.[0] ?? '';
  if (/^[^，,。；;！!]*[：:]/.test(text)) return null;
  const subject = STATUS_SUBJECT.exec(clause)?.[0] ?? '';
  const rest = clause.slice(subject.length);
  if (!rest || /\d/.test(rest) || !STATUS_START.test(rest) || rest.length > (subject ? 14 : 10)) return null;
  return normalizeStatus(rest).code ? { kind: 'status', label: '', content: text } : null;
}

/** Classifies one paragraph; may return several blocks when fields are written inline. */
export function classify(p: Para): Block[] {
  const parts = splitEmbedded(p);
  return parts.length > 1 ? parts.flatMap(classifyOne) : classifyOne(p);
}

// A numbered sub-item, 11.2 县城… (not a figure: 2.5万吨 is followed by a unit).
const SUB_ITEM = /^(\d{1,3})[.．](\d{1,2})(?:\s+|[、.．]\s*|(?=[\u4e00-\u9fa5“"（(])(?![万亿千百吨米元个倍亩户人次家座处条件项年月日天度克升%％]))(?=\S)/;

/** 11.2 … as a marker of the 1. level whose code keeps both parts (the outline decides whether it is a task). */
function subItem(text: string): ReturnType<typeof readMarker> {
  const m = SUB_ITEM.exec(text);
  if (!m) return null;
  return { level: 3, code: `${m[1] ?? ''}.${m[2] ?? ''}`, number: Number(m[1]), rest: text.slice(m[0].length) };
}

function classifyOne(p: Para): Block[] {
  const marker = readMarker(p.text) ?? subItem(p.text);
  const body = marker ? marker.rest : p.text;
  const field = readField(body);
  const tail = !field && marker && marker.level > 0 ? readTailLabel(body) : null;
  if (tail && marker) {
    return [{ kind: 'field', field: tail, text: `${tail.label}：`, line: p.line, marker: { level: marker.level, code: marker.code, number: marker.number } }];
  }
  if (!field && !marker) {
    const lead = leadingStatus(body);
    if (lead) return [{ kind: 'field', field: lead, text: body, line: p.line }];
  }
  if (field) {
    const inner = splitInlineFields(field.content);
    const out = fieldBlocks([{ ...field, content: inner.head }, ...inner.fields], p.line);
    if (marker && out[0]) out[0].marker = { level: marker.level, code: marker.code, number: marker.number };
    return out;
  }
  const { head, fields } = splitInlineFields(body);
  const first: Block = marker
    ? { kind: 'heading', level: marker.level, code: marker.code, number: marker.number, rest: head, text: p.text.slice(0, p.text.length - body.length) + head, line: p.line }
    : { kind: 'text', text: head, line: p.line };
  const out: Block[] = first.kind === 'text' && !head ? [] : [first];
  return out.concat(fieldBlocks(fields, p.line));
}

const SECTION_KINDS = new Set(['status', 'goal', 'measures', 'units', 'deadline', 'leaders']);

/**
 * A problem label under an outline marker — （四）反馈问题：… — is a task heading numbered by its marker, unless the
 * markers number the sections of one task (一、整改任务 二、整改目标 三、整改措施 四、整改完成情况 of a notice):
 * then a non-problem field carries a marker of the same level.
 */
export function promoteMarkedProblems(blocks: Block[]): Block[] {
  const sectionLevels = new Set<Level>();
  let problemMarked = false;
  for (const b of blocks) {
    if (b.kind !== 'field' || !b.marker) continue;
    if (b.field.kind === 'problem') problemMarked = true;
    else if (SECTION_KINDS.has(b.field.kind)) sectionLevels.add(b.marker.level);
  }
  if (!problemMarked) return blocks;
  return blocks.map((b) => {
    if (b.kind !== 'field' || !b.marker || b.field.kind !== 'problem' || sectionLevels.has(b.marker.level)) return b;
    const { level, code, number } = b.marker;
    return { kind: 'heading', level, code, number, rest: b.field.content, text: b.text, line: b.line };
  });
}
