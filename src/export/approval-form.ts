/**
 * The 销号审批表 (closure approval form) as DOCX, and as PDF beside it (the same rows as HTML, printed by Chromium): the
 * frozen content of one closure — the task and what was done, the evidence with its hashes, the notice and objections,
 * and each step's opinion with who and when — in one table on A4, in the official fonts of the report writer. No DB,
 * no HTTP.
 */
import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { ApprovedContent } from '../core/approval-form.js';
import { FONTS, PAGE } from './docx.js';
import { escapeHtml, FONT_STACKS } from './html.js';
import { renderHtmlToPdf } from './pdf.js';

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const LABEL_WIDTH = 1900;
const WIDTH = PAGE.width - PAGE.left - PAGE.right;
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

const para = (text: string, opts: { bold?: boolean; heiti?: boolean } = {}) => new Paragraph({
  spacing: { before: 40, after: 40 },
  children: [new TextRun({ text, size: 24, bold: opts.bold, font: font(opts.heiti ? FONTS.heiti : FONTS.body) })],
});

function row(label: string, lines: readonly string[]): TableRow {
  return new TableRow({
    children: [
      new TableCell({ width: { size: LABEL_WIDTH, type: WidthType.DXA }, borders, children: [para(label, { heiti: true })] }),
      new TableCell({ width: { size: WIDTH - LABEL_WIDTH, type: WidthType.DXA }, borders, children: (lines.length > 0 ? lines : ['无']).map((l) => para(l)) }),
    ],
  });
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const kb = (n: number | null) => (n === null ? '' : n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);

/** The rows of the form, in order, as label and lines (shared by the DOCX and by tests). */
export function approvalFormRows(c: ApprovedContent): [string, string[]][] {
  const s = c.subject;
  return [
    ['任务', [s.label]],
    ['责任单位', [s.unitName]],
    ['反馈问题', s.problem ? [s.problem] : []],
    ['整改目标', s.goal ? [s.goal] : []],
    ['整改时限', s.deadline ? [s.deadline] : []],
    ['整改措施', c.measures.map((m, i) => `${m.ordinal ?? i + 1}. ${m.text}${m.items.length ? `（${m.items.join('；')}）` : ''}`)],
    ['节点目标', c.milestones.map((m) => `${m.title}：计划 ${m.dueDate}${m.doneDate ? `，完成 ${m.doneDate}` : '，未完成'}`)],
    ['指标', c.indicators.map((i) => `${i.name}：${i.value === null ? '未填报' : `${i.value}${i.unit ?? ''}（${i.asOf}）`}，目标 ${i.comparator} ${i.target}${i.unit ?? ''}`)],
    ['整改情况', s.statusText ? [s.statusText] : []],
    ['长效机制', c.longTermMechanism ? [c.longTermMechanism] : []],
    ['佐证材料', c.evidence.map((e, i) => `${i + 1}. ${e.name}（${kb(e.size)}，SHA-256 ${e.sha256}）`)],
    ['公示', c.notice.start ? [`${c.notice.start} 至 ${c.notice.end ?? ''}`] : []],
    ['异议及处理', c.objections.map((o) => `${o.receivedAt} 收到：${o.content}；答复：${o.answer ?? '未答复'}${o.upheld === null ? '' : o.upheld ? '（成立）' : '（不成立）'}`)],
    ...c.opinions.map((o): [string, string[]] => [
      `${o.label}意见`,
      [[o.decision, o.comment].filter(Boolean).join('。'), `${o.actorName ?? '系统'}，${day(o.at)}`],
    ]),
    ['销号日期', [c.closedOn]],
  ];
}

export async function renderApprovalForm(c: ApprovedContent): Promise<Buffer> {
  const doc = new Document({
    creator: 'Rectify',
    title: `${c.subject.label}销号审批表`,
    styles: { default: { document: { run: { font: font(FONTS.body), size: 24, language: { value: 'en-US', eastAsia: 'zh-CN' } } } } },
    sections: [{
      properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } } },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: '整改任务销号审批表', size: 40, font: font(FONTS.title) })] }),
        new Table({ width: { size: WIDTH, type: WidthType.DXA }, columnWidths: [LABEL_WIDTH, WIDTH - LABEL_WIDTH], rows: approvalFormRows(c).map(([l, lines]) => row(l, lines)) }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

const FORM_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; font-family: ${FONT_STACKS.body}; font-size: 12pt; color: #000; }
h1 { font-family: ${FONT_STACKS.title}; font-size: 20pt; font-weight: normal; text-align: center; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { width: 33mm; font-family: ${FONT_STACKS.heiti}; font-weight: normal; }
td p { margin: 0 0 1mm; }
tr { break-inside: avoid; }
`;

/** The form as one self-contained HTML page (inline CSS, no scripts), the page Chromium prints to PDF. */
export function renderApprovalFormHtml(c: ApprovedContent): string {
  const rows = approvalFormRows(c).map(([label, lines]) =>
    `<tr><th>${escapeHtml(label)}</th><td>${(lines.length > 0 ? lines : ['无']).map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</td></tr>`).join('\n');
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(`${c.subject.label}销号审批表`)}</title><style>${FORM_CSS}</style></head>`
    + `<body><h1>整改任务销号审批表</h1><table>\n${rows}\n</table></body></html>`;
}

/** The form as A4 PDF. */
export function renderApprovalFormPdf(c: ApprovedContent): Promise<Buffer> {
  return renderHtmlToPdf(renderApprovalFormHtml(c));
}
