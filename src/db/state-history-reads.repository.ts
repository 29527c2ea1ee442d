/**
 * The as-of reads over the recorded history (`assignment_states`): the report's source, the ledger's page and the
 * dashboard's figures as they stood at the end of a past day. They serve only requests that name a past date; the
 * ordinary reads stay on the live tables and roll-ups.
 */
import type { Conn } from './database.js';
import type { ReportSourceRow } from './report-source.repository.js';
import { statesAsOf, type AssignmentStateRow, type StateDocument, type StateMeasure } from './state-history.repository.js';

export interface ReportSourceAsOfRow extends ReportSourceRow { measures: StateMeasure[]; documents: StateDocument[] }

/** An org unit's assignments of one inspection as they stood at the end of `asOf`, in plan order. */
export async function reportSourceAsOf(db: Conn, orgUnitId: number, inspectionId: number, asOf: string): Promise<ReportSourceAsOfRow[]> {
  const states = await statesAsOf(db, asOf, { orgUnitIds: [orgUnitId], inspectionId });
  const inspection = await db.selectFrom('inspections').select('name').where('id', '=', inspectionId).executeTakeFirst();
  return states.map((s) => ({
    assignmentId: s.assignment_id, code: s.code, number: s.number, problem: s.problem, goal: s.goal, deadlineText: s.deadline_text,
    deadlineDate: s.deadline_date, responsibleUnits: s.responsible_units, responsiblePerson: s.responsible_person,
    statusText: s.status_text, scheduleStatus: s.schedule_status, warning: s.warning, latestProgress: s.latest_progress,
    inspectionName: inspection?.name ?? '', measures: JSON.parse(s.measures) as StateMeasure[], documents: JSON.parse(s.documents) as StateDocument[],
  }));
}

export type { AssignmentStateRow };
