/**
 * Paragraphs → typed blocks: a heading (task heading or outline marker), a labelled field, plain text, or a table.
 * A heading whose words are a field label (一、整改任务, （三）整改措施：…) is a field; a field written inside a
 * paragraph after a sentence end (…。整改进展情况：已完成。) is split off into its own block.
 */
import { type Field, type Level, readField, readMarker, splitInlineFields } from './markers.js';
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

/** Classifies one paragraph; may return several blocks when fields are written inline. */
export function classify(p: Para): Block[] {
  const marker = readMarker(p.text);
  const body = marker ? marker.rest : p.text;
  const field = readField(body);
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
