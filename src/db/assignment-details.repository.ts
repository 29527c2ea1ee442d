/** The parts of an assignment shown on its page: milestones, indicators with their value history, evidence. */
import type { Conn } from './database.js';
import type { EvidenceRecord, IndicatorRecord, MilestoneRecord } from '../core/api/assignment-parts.js';

export async function listMilestones(db: Conn, assignmentId: number): Promise<MilestoneRecord[]> {
  const rows = await db.selectFrom('milestones').selectAll().where('assignment_id', '=', assignmentId).orderBy('due_date').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, measureId: r.measure_id, title: r.title, dueDate: r.due_date, doneDate: r.done_date, weight: r.weight, version: r.version }));
}

export async function listIndicatorsWithValues(db: Conn, assignmentId: number): Promise<IndicatorRecord[]> {
  const indicators = await db.selectFrom('indicators').selectAll().where('assignment_id', '=', assignmentId).orderBy('id').execute();
  if (indicators.length === 0) return [];
  const values = await db.selectFrom('indicator_values').select(['id', 'indicator_id', 'value', 'as_of', 'progress_report_id'])
    .where('indicator_id', 'in', indicators.map((i) => i.id)).orderBy('as_of').orderBy('id').execute();
  return indicators.map((i) => ({
    id: i.id, name: i.name, unit: i.unit, baseline: i.baseline, baselineDate: i.baseline_date, target: i.target, targetDate: i.target_date,
    comparator: i.comparator, version: i.version,
    values: values.filter((v) => v.indicator_id === i.id).map((v) => ({ id: v.id, value: v.value, asOf: v.as_of, progressReportId: v.progress_report_id })),
  }));
}

/**
 * Evidence of the assignment itself and of its progress reports: two indexed reads (evidence_owner) in one UNION
 * ALL, not one OR, which PostgreSQL would answer by scanning every evidence row.
 */
export async function listEvidenceOf(db: Conn, assignmentId: number): Promise<EvidenceRecord[]> {
  const reportIds = db.selectFrom('progress_reports').select('id').where('assignment_id', '=', assignmentId);
  // Current versions only: neither withdrawn nor replaced by a later version (older versions stay, by id).
  const current = (q: ReturnType<typeof db.selectFrom<'evidence_files'>>) => q.selectAll().where('withdrawn_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('evidence_files as n').select('n.id').whereRef('n.replaces_id', '=', 'evidence_files.id'))));
  const rows = await current(db.selectFrom('evidence_files')).where('owner_type', '=', 'assignment').where('owner_id', '=', assignmentId)
    .unionAll(current(db.selectFrom('evidence_files')).where('owner_type', '=', 'progress_report').where('owner_id', 'in', reportIds))
    .orderBy('uploaded_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => ({ id: r.id, sha256: r.sha256, size: r.size, mediaType: r.media_type, originalName: r.original_name, ownerType: r.owner_type, ownerId: r.owner_id, uploadedAt: r.uploaded_at }));
}

export interface MeasureText { ordinal: number | null; text: string; items: string[] }

export async function listMeasureTexts(db: Conn, assignmentId: number): Promise<MeasureText[]> {
  const rows = await db.selectFrom('measures').select(['ordinal', 'text', 'items']).where('assignment_id', '=', assignmentId).orderBy('sort_order').orderBy('id').execute();
  return rows.map((m) => ({ ordinal: m.ordinal, text: m.text, items: JSON.parse(m.items) as string[] }));
}
