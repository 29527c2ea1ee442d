/**
 * The shape of a progress report as read from a file (import/) or written from the ledger (export/).
 * PERSISTED CONTRACT: `rectify parse --json` prints exactly this; other tools depend on the names. Add fields freely,
 * never rename or remove one.
 */
import { z } from 'zod';
import { STATUS_CODES } from './status.js';

export const MeasureSchema = z.object({
  /** 1 for （一）/1./1、, null for an unnumbered paragraph. */
  ordinal: z.number().int().nullable(),
  /** The measure's text as printed, page breaks repaired, including its 一是/二是 items. */
  text: z.string(),
  /** The 一是…二是… items of the measure, each without its 一是 label. */
  items: z.array(z.string()),
});
export type Measure = z.infer<typeof MeasureSchema>;

export const DocumentRefSchema = z.object({
  /** Title without the 《》 marks. */
  title: z.string().nullable(),
  /** Document number as printed, normalized to 〔〕 brackets: 抚政办〔2021〕24号. */
  number: z.string().nullable(),
});
export type DocumentRef = z.infer<typeof DocumentRefSchema>;

export const FactSchema = z.object({
  kind: z.enum(['count', 'quantity', 'percent', 'money', 'date']),
  text: z.string(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
});
export type Fact = z.infer<typeof FactSchema>;

/** Where a value was read from in a table: the sheet (XLSX) or table (DOCX), the cell and its text as written. */
export const CellRefSchema = z.object({
  /** Sheet name (XLSX) or "表1" (the first table of a DOCX); null for plain text. */
  sheet: z.string().nullable(),
  /** A1-style reference ("C12"); for a DOCX table "R12C3". */
  ref: z.string(),
  text: z.string(),
});
export type CellRef = z.infer<typeof CellRefSchema>;

export const ParsedTaskSchema = z.object({
  /** As printed: "2", "二十", "序号8(市序号9)". */
  code: z.string(),
  /** 2, 20, 8 — Arabic or Chinese numerals read. */
  number: z.number().int().nullable(),
  problem: z.string(),
  goal: z.string().nullable(),
  /** As written: "达到序时进度", "基本完成整改，长期坚持". */
  status: z.string().nullable(),
  statusCode: z.enum(STATUS_CODES).nullable(),
  measures: z.array(MeasureSchema),
  /** Responsible units named. */
  units: z.array(z.string()),
  deadline: z.string().nullable(),
  documents: z.array(DocumentRefSchema),
  facts: z.array(FactSchema),
  /**
   * The progress narrative when a report prints it apart from the measures (a closure notice's 整改完成情况
   * section after its 整改措施 section, a table's 完成情况 column beside its 整改措施 column). Absent otherwise.
   */
  progress: z.string().optional(),
  /**
   * Plan tables of a city or county: the number of the higher plan's task this one carries out, as printed
   * (a 省序号/上级序号 column, or "9" from a code "序号8(市序号9)"), and read as a number. Absent when not stated.
   */
  parentCode: z.string().nullable().optional(),
  parentNumber: z.number().int().nullable().optional(),
  /** Plan tables: 牵头单位 and 配合单位 when the table tells them apart (`units` is always their union, lead first). */
  leadUnits: z.array(z.string()).optional(),
  supportUnits: z.array(z.string()).optional(),
  /** 责任领导 / 责任人 as written, one name (with position) per entry. */
  leaders: z.array(z.string()).optional(),
  /** 类别/领域, or the group row or sheet the task sits under (大气污染防治). */
  category: z.string().nullable().optional(),
  supervisingUnit: z.string().nullable().optional(),
  acceptingUnit: z.string().nullable().optional(),
  /** Tables: the cells each field was read from, by field name (problem, goal, measures, units, deadline…). */
  cells: z.record(z.string(), z.array(CellRefSchema)).optional(),
  /**
   * How sure the reader is that this task, its number and its status were read right: 1 certain, below 0.6 worth a
   * person's look. `confidenceNotes` says why it is not 1.
   */
  confidence: z.number().min(0).max(1).optional(),
  confidenceNotes: z.array(z.string()).optional(),
});
export type ParsedTask = z.infer<typeof ParsedTaskSchema>;

export const ParseWarningSchema = z.object({
  line: z.number().int().nullable(),
  message: z.string(),
  /** Tables: the cell the warning is about ("整改任务!F12"), so a preview can mark it. */
  cell: z.string().optional(),
  /** The code of the task the warning is about, when it is about one. */
  taskCode: z.string().optional(),
});
export type ParseWarning = z.infer<typeof ParseWarningSchema>;

export const ParsedReportSchema = z.object({
  /**
   * What the document is: a progress report (the default when absent), a closure notice (公示/销号), or a plan
   * table (整改方案 / 整改任务清单: tasks with units and deadlines, no progress).
   */
  kind: z.enum(['report', 'notice', 'plan']).optional(),
  title: z.string(),
  region: z.string().nullable(),
  inspection: z.string().nullable(),
  asOf: z.string().nullable(),
  tasks: z.array(ParsedTaskSchema),
  summary: z.array(z.object({ text: z.string(), value: z.number(), unit: z.string().nullable() })),
  warnings: z.array(ParseWarningSchema),
  /** The notice period of a closure notice (公示时间：2023年8月1日至8月7日); ISO dates when printed. Absent otherwise. */
  notice: z.object({ text: z.string(), start: z.string().nullable(), end: z.string().nullable() }).optional(),
});
export type ParsedReport = z.infer<typeof ParsedReportSchema>;

export { REVIEW_BELOW } from './review.js';

/**
 * What a person said about one task of the import preview (by the code the reader gave it). Sent with the file
 * again to the preview and to the import, which apply the same corrections: the reading stays a pure function of
 * the file and the corrections.
 * - `notATask`: this is not a task; with `family`, no heading of its kind (一、/（一）/1./任务N…) is a task in this
 *   file, and the file is read again without that family;
 * - `number`: the task's number as it should be;
 * - `status`: the status code it should have; other tasks of the file whose status is written the same way get it too;
 * - `problem`: the problem text as it should be.
 */
export const ImportCorrectionSchema = z
  .object({
    task: z.string().trim().min(1).max(60),
    notATask: z.boolean().optional(),
    family: z.boolean().optional(),
    number: z.string().trim().min(1).max(60).optional(),
    status: z.enum(STATUS_CODES).optional(),
    problem: z.string().trim().min(1).max(20_000).optional(),
  })
  .strict();
export type ImportCorrection = z.infer<typeof ImportCorrectionSchema>;
export const ImportCorrectionsSchema = z.array(ImportCorrectionSchema).max(5000);
