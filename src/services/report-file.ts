/** One place that turns a report built from the ledger (report-from-ledger.ts) into a file of the asked format. */
import type { BuiltReport } from './report-from-ledger.js';
import { renderPdf } from '../export/pdf.js';
import { renderMarkdown, renderText } from '../export/text.js';
import { renderTaskLedgerXlsx } from '../export/xlsx-ledgers.js';

export const REPORT_FORMATS = ['docx', 'pdf', 'md', 'txt', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function renderReportFile(built: BuiltReport, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    // The DOCX writer is loaded on first use, like the PDF printer: most server processes never write one.
    case 'docx': return (await import('../export/docx.js')).renderDocx(built.report);
    case 'pdf': return renderPdf(built.report);
    case 'md': return Buffer.from(renderMarkdown(built.report), 'utf8');
    case 'txt': return Buffer.from(renderText(built.report), 'utf8');
    case 'xlsx': return renderTaskLedgerXlsx(built.ledgerRows);
  }
}

/** 抚顺市第二轮…进展情况-2023-12-31.docx — safe for Content-Disposition's filename*. */
export function reportFileName(built: BuiltReport, format: ReportFormat): string {
  const base = format === 'xlsx' ? `${built.report.org}整改任务台账` : built.report.title;
  return `${base}-${built.report.asOf ?? ''}.${format}`.replace(/[\\/:*?"<>|\r\n]/g, '_');
}
