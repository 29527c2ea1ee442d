/**
 * What a document's text is cut into before it is read (lines.ts makes them, reflow.ts and parse-text.ts read them):
 * the types alone, so that the readers and the table readers that lines.ts calls depend on no one's code.
 */
export interface SourceLine {
  text: string;
  line: number;
  /** First-line indent (a new paragraph in official documents); null when the source does not tell. */
  indent: boolean | null;
  /** The line runs to the right margin (so a break after it is a wrap); null when the source does not tell. */
  full: boolean | null;
  /** A paragraph boundary known from the source (a Word paragraph, a Markdown heading): break before it. */
  hard?: boolean;
  /** Break after it too (Markdown headings, lines that are one paragraph on their own). */
  alone?: boolean;
  /** The line before spaces were squeezed, when it had inner spaces (a menu bar "首页 政务公开 …" tells by them). */
  raw?: string;
}

export interface SourceTable {
  rows: string[][];
  line: number;
}

export type SourceItem = { kind: 'line'; value: SourceLine } | { kind: 'table'; value: SourceTable };
