/**
 * What the document writers take: a report ready to print, and the rows of the two XLSX ledgers.
 * The writers are pure converters (domain objects → file); they never read the database.
 */
import type { Measure, ParsedReport, ParsedTask } from '../core/report.js';

/** A progress report as it will be printed (DOCX, PDF, HTML, Markdown, text). */
export interface ExportReport {
  /** The attachment label printed above the title, e.g. 附件 or 附件2. */
  label?: string;
  title: string;
  /** The reporting organisation, e.g. 抚顺市. */
  org: string;
  /** The inspection the report is about, e.g. 第二轮中央生态环境保护. */
  inspection: string;
  /** The date the report speaks for (YYYY-MM-DD), if known. */
  asOf: string | null;
  /** Tasks in plan order. */
  tasks: ParsedTask[];
  /** Summary paragraphs chosen by the user, printed before the tasks. */
  summary?: string[];
  /** Complaint-case summary paragraphs, printed before the tasks. */
  caseSummary?: string[];
}

/** Builds the title a report gets when none was given: 〈org〉〈inspection〉督察整改任务进展情况. */
export function defaultTitle(org: string, inspection: string): string {
  return `${org}${inspection}督察整改任务进展情况`;
}

/** Turns a report read from a file into one ready to print, keeping the tasks as read. */
export function reportFromParsed(parsed: ParsedReport): ExportReport {
  const org = parsed.region ?? '';
  const inspection = parsed.inspection ?? '';
  const title = parsed.title.trim() || defaultTitle(org, inspection);
  return { title, org, inspection, asOf: parsed.asOf, tasks: parsed.tasks };
}

/** A warning light as printed in a ledger. */
export type WarningLight = '红' | '黄' | '绿';

/** A measure of a ledger row: numbered (（一）→1) or an unnumbered paragraph (ordinal null). */
export type LedgerMeasure = Pick<Measure, 'ordinal' | 'text'>;

/** One assignment of a task to a unit, as a row of the task ledger (整改任务台账). */
export interface TaskLedgerRow {
  /** The task number as printed in the plan: "2", "二十", "序号8". */
  code: string;
  problem: string;
  goal: string | null;
  measures: LedgerMeasure[];
  /** Responsible unit(s) of this assignment, as written. */
  unit: string | null;
  /** Responsible person. */
  person: string | null;
  /** A date, or words such as 长期坚持 / 立行立改. */
  deadline: Date | string | null;
  /** The status as written: 达到序时进度, 已完成整改. */
  status: string | null;
  warning: WarningLight | null;
  latestProgress: string | null;
  /** Monthly-report columns: 目标进展情况 / 存在问题 / 推进措施 / 下步安排. */
  targetProgress: string | null;
  issues: string | null;
  actions: string | null;
  nextSteps: string | null;
}

/**
 * One complaint case as a row of the case ledger (信访件台账). There are deliberately no fields for the
 * complainant: their name and contact details are confidential and never leave the system in a ledger.
 */
export interface CaseLedgerRow {
  /** 受理编号, e.g. D3SX202505280018. */
  caseNo: string;
  /** 交办批次. */
  batch: number | string | null;
  district: string | null;
  /** 被举报对象. */
  target: string | null;
  content: string;
  /** 污染类型: 水, 大气, 噪声, 土壤, 生态, 辐射, … */
  pollutionType: string | null;
  /** 来源: 来电, 来信, 网络 … */
  source: string | null;
  isKey: boolean;
  unit: string | null;
  dueDate: Date | null;
  /** 正在办理 / 阶段性办结 / 已办结 / 销号. */
  state: string | null;
  /** 属实 / 部分属实 / 不属实. */
  verified: string | null;
  handling: string | null;
  accountability: string | null;
}
