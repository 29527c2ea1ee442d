/**
 * The generated audit trail. Generators record what happened on which day as they make the rows (a report submitted,
 * a case handled); at the end the events are written day by day in id order with increasing times, hash-chained
 * exactly as the app chains them, so `rectify audit verify` checks the whole generated trail. Events are kept as
 * compact number triples per day until then: five million events stay a few hundred megabytes.
 */
import { GENESIS, hashEvent, type HashedFields } from '../db/audit.repository.js';
import type { BulkSink } from './bulk-sink.js';

/** What an event says, by kind: its action, entity and the small before/after the app would record. */
export const EVENT_KINDS = [
  'org_unit.create', 'task.create', 'assignment.create', 'progress_report.submit', 'progress_report.return',
  'progress_report.resubmit', 'progress_report.accept', 'case.handling', 'case.close', 'assignment.update',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface EventSubject {
  entityType: string;
  entityId: number;
  assignmentId: number | null;
  orgUnitId: number | null;
  actor: { id: number | null; name: string };
  before: unknown;
  after: unknown;
}

/** Turns a recorded (kind, entity, aux) back into an event's content; supplied by the generator, which knows the rows. */
export type Describe = (kind: EventKind, entity: number, aux: number) => EventSubject;

// seq = id: the generated trail has no gaps; key_id stays null (the v1 hash), which the verifier accepts before any v2 event.
const COLUMNS = ['id', 'seq', 'at', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'assignment_id', 'org_unit_id', 'before', 'after', 'prev_hash', 'hash'] as const;

export class AuditTimeline {
  private readonly days: number[][];
  private recorded = 0;

  constructor(private readonly start: string, dayCount: number) {
    this.days = Array.from({ length: dayCount + 1 }, () => []);
  }

  get size(): number { return this.recorded; }

  /** Records one event on a day (days from the start; clamped into the timeline). */
  record(day: number, kind: EventKind, entity: number, aux = 0): void {
    const d = Math.max(0, Math.min(this.days.length - 1, Math.floor(day)));
    this.days[d]!.push(EVENT_KINDS.indexOf(kind), entity, aux);
    this.recorded++;
  }

  /** Writes the recorded events in day order, at most `limit`, during working hours of each day; returns how many. */
  async write(sink: BulkSink, describe: Describe, limit: number): Promise<number> {
    let prev = GENESIS;
    let id = 0;
    const startMs = Date.parse(`${this.start}T00:00:00.000Z`);
    for (let d = 0; d < this.days.length && id < limit; d++) {
      const day = this.days[d]!;
      const count = day.length / 3;
      // 08:30 to 17:30 Beijing time (00:30 to 09:30 UTC), evenly spread.
      const step = count > 0 ? (9 * 3_600_000) / count : 0;
      for (let i = 0; i < count && id < limit; i++) {
        const kind = EVENT_KINDS[day[i * 3]!]!;
        const s = describe(kind, day[i * 3 + 1]!, day[i * 3 + 2]!);
        const fields: HashedFields = {
          at: new Date(startMs + d * 86_400_000 + 1_800_000 + Math.floor(i * step)).toISOString(),
          actor_id: s.actor.id, actor_name: s.actor.name, action: kind, entity_type: s.entityType, entity_id: String(s.entityId),
          assignment_id: s.assignmentId, org_unit_id: s.orgUnitId,
          before: s.before === undefined ? null : JSON.stringify(s.before), after: s.after === undefined ? null : JSON.stringify(s.after),
          prev_hash: prev,
        };
        const hash = hashEvent(fields);
        id++;
        await sink.add('audit_events', COLUMNS, [id, id, fields.at, fields.actor_id, fields.actor_name, fields.action, fields.entity_type, fields.entity_id,
          fields.assignment_id, fields.org_unit_id, fields.before, fields.after, prev, hash]);
        prev = hash;
      }
      this.days[d] = [];
    }
    return id;
  }
}
