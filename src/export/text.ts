/**
 * Plain text and Markdown writers. Both follow the sample report's genre (附件, title, 任务N：…, 整改情况：…,
 * （一）…), one paragraph a line with blank lines between, so the report reader reads them back as it reads a TXT.
 */
import { reportBlocks, type Block } from './blocks.js';
import type { ExportReport } from './types.js';

/** Renders a report as plain text (UTF-8, LF line ends, blank line between paragraphs). */
export function renderText(report: ExportReport): string {
  return `${reportBlocks(report).map((b) => b.text).join('\n\n')}\n`;
}

// Markdown would turn these into markup at a line start: headings, quotes, lists, tables, fences.
const LINE_START = /^(#|>|[-+*](?=\s)|\||~~~|```)/;
// An ordered-list number is escaped at its punctuation: a backslash before a digit is no escape in CommonMark.
const ORDERED = /^(\d+)([.)])(?=\s|$)/;
// And these anywhere in a line: emphasis, code, links, HTML, escapes.
const INLINE = /[\\`*_[\]<>]/g;

/** Escapes text so that Markdown shows it as written and a Markdown stripper gives back the same characters. */
export function escapeMarkdown(text: string): string {
  const inline = text.replace(INLINE, (c) => `\\${c}`);
  if (ORDERED.test(inline)) return inline.replace(ORDERED, '$1\\$2');
  return LINE_START.test(inline) ? `\\${inline}` : inline;
}

function markdownBlock(block: Block): string {
  const text = escapeMarkdown(block.text);
  switch (block.kind) {
    case 'title':
      return `# ${text}`;
    case 'section':
    case 'task':
      return `## ${text}`;
    case 'status':
      return `**${text}**`;
    case 'label':
    case 'field':
    case 'paragraph':
    case 'measure':
      return text;
  }
}

/**
 * Renders a report as Markdown: the title as `#`, each task line (任务N：problem) as `##`, the status line in
 * bold, measures as plain paragraphs (a `（一）` paragraph needs no list markup).
 */
export function renderMarkdown(report: ExportReport): string {
  return `${reportBlocks(report).map(markdownBlock).join('\n\n')}\n`;
}
