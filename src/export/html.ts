/**
 * The HTML writer: one self-contained document (inline CSS, no scripts, no external resources) used for the
 * browser preview and, with `forPrint`, as the page Chromium prints to PDF in the GB/T 9704 layout.
 */
import { reportBlocks, type Block } from './blocks.js';
import type { ExportReport } from './types.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

// The official fonts first (the deployer installs them), then Debian's stand-ins (AR PL UKai/KaitiM from
// fonts-arphic-*), then Noto CJK (fonts-noto-cjk), which is always there.
export const FONT_STACKS = {
  title: "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'Noto Serif CJK SC', 'Noto Serif SC', serif",
  body: "'仿宋_GB2312', '仿宋', 'FangSong', 'AR PL UKai CN', 'Noto Serif CJK SC', 'Noto Serif SC', serif",
  heiti: "'黑体', 'SimHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif",
  kaiti: "'楷体_GB2312', '楷体', 'KaiTi', 'AR PL KaitiM GB', 'AR PL UKai CN', 'Noto Serif CJK SC', 'Noto Serif SC', serif",
  songti: "'宋体', 'SimSun', 'Noto Serif CJK SC', serif",
} as const;

// 225 mm of type area / 22 lines; 28 characters of 16 pt at −0.25 pt fill the 156 mm measure.
const PAGE_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: 14pt ${FONT_STACKS.songti}; margin-right: 14pt; vertical-align: top; padding-top: 7mm; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: 14pt ${FONT_STACKS.songti}; margin-left: 14pt; vertical-align: top; padding-top: 7mm; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
.doc { font-family: ${FONT_STACKS.body}; font-size: 16pt; line-height: 10.227mm; letter-spacing: -0.25pt; color: #000; }
.doc p { margin: 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
.doc .label { font-family: ${FONT_STACKS.heiti}; text-indent: 0; }
.doc h1 { font-family: ${FONT_STACKS.title}; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.4; margin: 10.227mm 0; letter-spacing: 0; }
.doc h2 { font-family: ${FONT_STACKS.heiti}; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; text-align: justify; }
.doc .status { font-family: ${FONT_STACKS.kaiti}; }
`;

const SCREEN_CSS = `
body { background: #e8e8e8; }
.sheet { background: #fff; width: 210mm; min-height: 297mm; box-sizing: border-box; margin: 16px auto;
  padding: 37mm 26mm 35mm 28mm; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
@media print { body { background: none; } .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; } }
`;

function blockHtml(block: Block): string {
  const text = escapeHtml(block.text);
  switch (block.kind) {
    case 'label':
      return `<p class="label">${text}</p>`;
    case 'title':
      return `<h1>${text}</h1>`;
    case 'section':
    case 'task':
      return `<h2>${text}</h2>`;
    case 'status':
      return `<p class="status">${text}</p>`;
    case 'field':
    case 'paragraph':
    case 'measure':
      return `<p>${text}</p>`;
  }
}

export interface HtmlOptions {
  /** For printing (PDF): no screen sheet, the page box and its margins come from @page alone. */
  forPrint: boolean;
}

/** Renders a report as a complete HTML document; every piece of report text is escaped. */
export function renderHtml(report: ExportReport, { forPrint }: HtmlOptions): string {
  const body = reportBlocks(report).map(blockHtml).join('\n');
  const css = forPrint ? PAGE_CSS : PAGE_CSS + SCREEN_CSS;
  const content = forPrint ? `<main class="doc">\n${body}\n</main>` : `<main class="doc sheet">\n${body}\n</main>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${css}</style>
</head>
<body>
${content}
</body>
</html>
`;
}
