/**
 * `rectify seed-scale`: a national dataset, deterministic from a seed, for benchmarks and load tests. Org trees of up
 * to 31 provinces (cities, counties/districts, departments), one central inspection and plan per province, tasks
 * shared down to cities and split to their counties and departments, with measures, milestones, indicators and
 * half-yearly reporting rounds over three years (reports, indicator values, evidence files), complaint cases handed
 * over in daily batches, and the audit trail of all of it, hash-chained like the app's own.
 *
 * Rows are computed here and written through a bulk sink into a freshly migrated database; an assignment's schedule
 * status and warning come from the same rules the app applies (src/core/schedule.ts), as of `asOf`.
 */
import { normalizeTarget } from '../core/case-similarity.js';
import { computeSchedule, computeWarning, type DeadlineKind, type MilestoneState } from '../core/schedule.js';
import { addDays, daysBetween } from '../core/workdays.js';
import type { StatusCode } from '../core/status.js';
import type { FileStore } from '../storage/file-store.js';
import { AuditTimeline, type EventKind, type EventSubject } from './audit-timeline.js';
import type { BulkSink } from './bulk-sink.js';
import {
  CASE_PLACES, CASE_PROBLEMS, CASE_TARGETS, CASE_TYPES, CITY_DEPARTMENTS, PLACE_WORDS, PROBLEM_TEMPLATES, PROGRESS_PHRASES, PROVINCE_DEPARTMENTS,
  PROVINCES, shortName,
} from './vocabulary.js';

export interface ScaleOptions {
  seed: number;
  provinces: number;
  citiesPer: number;
  countiesPer: number;
  departmentsPer: number;
  tasksPer: number;
  /** Counties and departments of a city that share each of the city's tasks. */
  splitsPer: number;
  cases: number;
  auditEvents: number;
  /** The day the data is as of: three years of history end here. */
  asOf: string;
  /** The password every generated account gets, already hashed (hashing a thousand passwords would take minutes). */
  passwordHash: string;
}

export const DEFAULT_SCALE: Omit<ScaleOptions, 'asOf' | 'passwordHash'> = {
  seed: 1, provinces: 31, citiesPer: 12, countiesPer: 7, departmentsPer: 5, tasksPer: 100, splitsPer: 4, cases: 1_000_000, auditEvents: 5_000_000,
};

export interface ScaleSummary {
  orgUnits: number; users: number; tasks: number; assignments: number; measures: number; milestones: number; indicators: number;
  rounds: number; progressReports: number; evidenceFiles: number; caseBatches: number; cases: number; auditEvents: number;
}

/** Every table the generator fills, parents first (the PostgreSQL sequences of these are moved past the ids). */
export const SCALE_TABLES = [
  'org_units', 'users', 'memberships', 'inspections', 'plans', 'tasks', 'assignments', 'measures', 'milestones', 'indicators', 'reporting_rounds',
  'progress_reports', 'indicator_values', 'evidence_files', 'complaint_batches', 'complaint_cases', 'audit_events',
] as const;

/** Deterministic pseudo-random numbers in [0, 1) (a 32-bit LCG: fast, and the same on every machine). */
export function random(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

interface Unit { id: number; name: string; path: string }
interface City { unit: Unit; subunits: Unit[]; admin: Actor; reporter: Actor; reviewer: Actor }
interface Actor { id: number; name: string }

const COLS = {
  org_units: ['id', 'parent_id', 'code', 'name', 'kind', 'path', 'sort_order', 'created_at', 'updated_at'],
  users: ['id', 'username', 'display_name', 'password_hash', 'created_at', 'updated_at'],
  memberships: ['user_id', 'org_unit_id', 'role'],
  inspections: ['id', 'name', 'round', 'kind', 'target_org_id', 'stationed_from', 'stationed_to', 'feedback_date', 'created_at', 'updated_at'],
  plans: ['id', 'inspection_id', 'owner_org_id', 'title', 'issued_date', 'due_date', 'created_at', 'updated_at'],
  tasks: ['id', 'plan_id', 'code', 'number', 'sort_order', 'problem', 'goal', 'category', 'deadline_kind', 'deadline_date', 'deadline_text', 'lead_unit', 'responsible_units', 'created_at', 'updated_at'],
  assignments: ['id', 'task_id', 'org_unit_id', 'parent_id', 'status_text', 'status_code', 'is_completed', 'is_closed', 'is_long_term', 'completed_at', 'closed_at',
    'deadline_kind', 'deadline_date', 'schedule_status', 'warning', 'warning_reason', 'latest_progress', 'search_text', 'created_at', 'updated_at'],
  measures: ['id', 'assignment_id', 'ordinal', 'sort_order', 'text', 'responsible_unit', 'due_date', 'done_date', 'created_at', 'updated_at'],
  milestones: ['id', 'assignment_id', 'measure_id', 'title', 'due_date', 'done_date', 'weight', 'created_at', 'updated_at'],
  indicators: ['id', 'assignment_id', 'name', 'unit', 'baseline', 'baseline_date', 'target', 'target_date', 'comparator', 'created_at', 'updated_at'],
  reporting_rounds: ['id', 'name', 'cycle', 'period_start', 'period_end', 'due_date', 'scope_org_id', 'inspection_id', 'state', 'opened_by', 'created_at', 'updated_at'],
  progress_reports: ['id', 'assignment_id', 'round_id', 'period_label', 'as_of', 'progress', 'problems', 'next_steps', 'status_text', 'status_code', 'state', 'source',
    'submitted_by', 'submitted_at', 'reviewed_by', 'reviewed_at', 'review_comment', 'evidence_ids', 'created_at', 'updated_at'],
  indicator_values: ['indicator_id', 'value', 'as_of', 'progress_report_id', 'recorded_by', 'created_at'],
  evidence_files: ['id', 'sha256', 'size', 'media_type', 'original_name', 'owner_type', 'owner_id', 'org_unit_id', 'uploaded_by', 'uploaded_at'],
  complaint_batches: ['id', 'inspection_id', 'org_unit_id', 'batch_no', 'handed_over_at', 'created_at'],
  complaint_cases: ['id', 'batch_id', 'case_no', 'org_unit_id', 'region_text', 'target_name', 'content', 'pollution_type', 'source', 'is_key', 'deadline', 'state',
    'verified', 'handling', 'stage_plan', 'stage_due', 'target_key', 'done_at', 'closed_at', 'is_published', 'created_at', 'updated_at'],
} as const;

const STATUS_TEXT: Partial<Record<StatusCode, string>> = {
  completed: '已完成', on_schedule: '达到序时进度', behind_schedule: '未达到序时进度', long_term: '长期坚持', in_progress: '整改中', not_started: '尚未启动',
};

/** A tiny valid PDF per variant: evidence rows point at a handful of real, content-addressed files. */
function evidencePdf(n: number): Buffer {
  const text = `Rectify scale evidence ${n}`;
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(body.length); body += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Half-year periods from the one containing `from` to the one containing `to`. */
function halfYears(from: string, to: string): { start: string; end: string; label: string }[] {
  const out: { start: string; end: string; label: string }[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const h of [1, 2] as const) {
      const p = h === 1 ? { start: `${y}-01-01`, end: `${y}-06-30`, label: `${y}年上半年` } : { start: `${y}-07-01`, end: `${y}-12-31`, label: `${y}年下半年` };
      if (p.end >= from && p.start <= to) out.push(p);
    }
  }
  return out;
}

export async function seedScale(sink: BulkSink, files: FileStore, opts: ScaleOptions, progress: (message: string) => void = () => undefined): Promise<ScaleSummary> {
  if (opts.provinces < 1 || opts.provinces > PROVINCES.length) throw new RangeError(`--provinces must be between 1 and ${PROVINCES.length}`);
  if (opts.citiesPer < 1 || opts.citiesPer > PLACE_WORDS.length) throw new RangeError(`--cities-per must be between 1 and ${PLACE_WORDS.length}`);
  if (opts.countiesPer < 1 || opts.countiesPer > PLACE_WORDS.length) throw new RangeError(`--counties-per must be between 1 and ${PLACE_WORDS.length}`);
  if (opts.departmentsPer < 0 || opts.departmentsPer > CITY_DEPARTMENTS.length) throw new RangeError(`--departments-per must be between 0 and ${CITY_DEPARTMENTS.length}`);
  if (opts.splitsPer < 0 || opts.splitsPer > opts.countiesPer + opts.departmentsPer) throw new RangeError('--splits-per cannot exceed a city\'s counties and departments');
  const rnd = random(opts.seed);
  const asOf = opts.asOf;
  // Three years of half-yearly reporting end at asOf; the inspection came five months before the first.
  const start = addDays(asOf, -3 * 365 - 150);
  const dayOf = (date: string) => daysBetween(start, date);
  const stamp = (date: string) => `${date}T02:00:00.000Z`;
  const timeline = new AuditTimeline(start, dayOf(asOf));
  const summary: ScaleSummary = { orgUnits: 0, users: 0, tasks: 0, assignments: 0, measures: 0, milestones: 0, indicators: 0, rounds: 0, progressReports: 0, evidenceFiles: 0, caseBatches: 0, cases: 0, auditEvents: 0 };

  // Lookups the audit events need when they are written at the end.
  const unitOf: Unit[] = [];
  const unitActor: Actor[] = [];
  const assignmentUnit: number[] = [];
  const assignmentTask: number[] = [];
  const reportAssignment: number[] = [];
  const caseUnit: number[] = [];

  // Org units and accounts.
  const blobs = [];
  for (let n = 0; n < 12; n++) blobs.push(await files.put(evidencePdf(n)));
  let unitId = 0;
  let userId = 0;
  const addUnit = async (parent: Unit | null, code: string, name: string, kind: string, order: number): Promise<Unit> => {
    const id = ++unitId;
    const unit: Unit = { id, name, path: `${parent?.path ?? '/'}${id}/` };
    await sink.add('org_units', COLS.org_units, [id, parent?.id ?? null, code, name, kind, unit.path, order, stamp(start), stamp(start)]);
    unitOf[id] = unit;
    timeline.record(0, 'org_unit.create', id);
    return unit;
  };
  const addUser = async (username: string, displayName: string, memberships: [Unit, string][]): Promise<Actor> => {
    const id = ++userId;
    await sink.add('users', COLS.users, [id, username, displayName, opts.passwordHash, stamp(start), stamp(start)]);
    for (const [unit, role] of memberships) await sink.add('memberships', COLS.memberships, [id, unit.id, role]);
    return { id, name: displayName };
  };
  const provinces: { unit: Unit; departments: Unit[]; cities: City[]; admin: Actor }[] = [];
  for (let p = 0; p < opts.provinces; p++) {
    const name = PROVINCES[p]!;
    const province = await addUnit(null, `P${p + 1}`, name, 'province', p);
    const short = shortName(name);
    const departments = [];
    for (const [k, d] of PROVINCE_DEPARTMENTS.entries()) departments.push(await addUnit(province, `P${p + 1}D${k + 1}`, `${short}省${d}`.replace(/省省|市省|区省/, '省'), 'department', k));
    const cities: City[] = [];
    for (let c = 0; c < opts.citiesPer; c++) {
      const word = PLACE_WORDS[(c + p) % PLACE_WORDS.length]!;
      const city = await addUnit(province, `P${p + 1}C${c + 1}`, `${short}${word}市`, 'city', 100 + c);
      const subunits = [];
      for (let k = 0; k < opts.countiesPer; k++) {
        const county = `${PLACE_WORDS[(k * 7 + c + 3) % PLACE_WORDS.length]!}${k % 3 === 0 ? '区' : '县'}`;
        subunits.push(await addUnit(city, `P${p + 1}C${c + 1}K${k + 1}`, `${word}${county}`, 'county', k));
      }
      for (let k = 0; k < opts.departmentsPer; k++) subunits.push(await addUnit(city, `P${p + 1}C${c + 1}D${k + 1}`, `${word}市${CITY_DEPARTMENTS[k]!}`, 'department', 50 + k));
      cities.push({ unit: city, subunits, admin: { id: 0, name: '' }, reporter: { id: 0, name: '' }, reviewer: { id: 0, name: '' } });
    }
    provinces.push({ unit: province, departments, cities, admin: { id: 0, name: '' } });
  }
  summary.orgUnits = unitId;
  const national = await addUser('national', '生态环境部督察办', provinces.map((p) => [p.unit, 'admin']));
  for (const [p, province] of provinces.entries()) {
    province.admin = await addUser(`p${p + 1}-admin`, `${province.unit.name}督改办`, [[province.unit, 'admin']]);
    await addUser(`p${p + 1}-leader`, `${province.unit.name}领导`, [[province.unit, 'viewer']]);
    for (const [c, city] of province.cities.entries()) {
      city.admin = await addUser(`p${p + 1}c${c + 1}-admin`, `${city.unit.name}督改办`, [[city.unit, 'admin']]);
      city.reporter = await addUser(`p${p + 1}c${c + 1}-reporter`, `${city.unit.name}填报员`, [[city.unit, 'reporter']]);
      city.reviewer = await addUser(`p${p + 1}c${c + 1}-reviewer`, `${city.unit.name}审核员`, [[city.unit, 'reviewer']]);
    }
    for (const d of province.departments) unitActor[d.id] = province.admin;
    unitActor[province.unit.id] = province.admin;
    for (const city of province.cities) for (const u of [city.unit, ...city.subunits]) unitActor[u.id] = city.reporter;
  }
  summary.users = userId;
  progress(`${summary.orgUnits} org units, ${summary.users} accounts`);

  // The big tables get their indexes (search indexes included) built once at the end rather than row by row.
  const restores = [];
  for (const table of ['assignments', 'measures', 'milestones', 'progress_reports', 'indicator_values', 'evidence_files', 'complaint_cases', 'audit_events']) {
    restores.push(await sink.withoutIndexes(table));
  }

  // The ledger: inspections, plans, tasks, assignments and what hangs off them.
  const ids = { task: 0, assignment: 0, measure: 0, milestone: 0, indicator: 0, round: 0, report: 0, evidence: 0 };
  for (const [p, province] of provinces.entries()) {
    // The inspectors are stationed in the province for a month (complaints arrive then); feedback three months on.
    const feedback = addDays(start, 90 + p * 3);
    const issued = addDays(feedback, 60);
    await sink.add('inspections', COLS.inspections, [p + 1, '第三轮中央生态环境保护督察', '3', 'central', province.unit.id, addDays(start, p * 3), addDays(start, 30 + p * 3), feedback, stamp(start), stamp(start)]);
    await sink.add('plans', COLS.plans, [p + 1, p + 1, province.unit.id, `${province.unit.name}贯彻落实第三轮中央生态环境保护督察报告整改方案`, issued, addDays(issued, 3 * 365), stamp(issued), stamp(issued)]);
    const rounds = halfYears(issued, asOf).map((period) => ({ ...period, id: ++ids.round, open: period.end >= asOf }));
    for (const r of rounds) {
      await sink.add('reporting_rounds', COLS.reporting_rounds, [r.id, `${province.unit.name}${r.label}整改进展调度`, 'half', r.start, r.end, addDays(r.end, 10), province.unit.id, p + 1,
        r.open ? 'open' : 'closed', province.admin.id, stamp(r.start), stamp(r.open ? r.start : addDays(r.end, 20))]);
    }
    for (let n = 1; n <= opts.tasksPer; n++) {
      const template = PROBLEM_TEMPLATES[(n + p) % PROBLEM_TEMPLATES.length]!;
      const taskId = ++ids.task;
      const problem = `${province.unit.name}${pick(rnd, template.problems)}。`;
      const r = rnd();
      const kind: DeadlineKind = r < 0.1 ? 'immediate' : r < 0.82 ? 'by_date' : 'long_term';
      const deadline = kind === 'immediate' ? addDays(issued, 90) : kind === 'by_date' ? `${Number(issued.slice(0, 4)) + 1 + Math.floor(rnd() * 3)}-${rnd() < 0.5 ? '06-30' : '12-31'}` : null;
      const lead = province.departments[n % province.departments.length]!;
      await sink.add('tasks', COLS.tasks, [taskId, p + 1, String(n), n, n, problem, template.goal, template.category, kind, deadline, kind === 'long_term' ? '长期坚持' : kind === 'immediate' ? '立行立改' : null,
        lead.name, JSON.stringify([lead.name, '各市人民政府']), stamp(issued), stamp(issued)]);
      timeline.record(dayOf(issued), 'task.create', taskId, p + 1);
      const shares: { unit: Unit; parent: number | null; city: City | null }[] = [{ unit: lead, parent: null, city: null }];
      for (const city of province.cities) {
        shares.push({ unit: city.unit, parent: null, city });
        const cityShare = shares.length - 1;
        for (let k = 0; k < opts.splitsPer; k++) shares.push({ unit: city.subunits[(n + k) % city.subunits.length]!, parent: cityShare, city });
      }
      const shareIds: number[] = [];
      for (const share of shares) {
        const id = ++ids.assignment;
        shareIds.push(id);
        assignmentUnit[id] = share.unit.id;
        assignmentTask[id] = taskId;
        const pace = 0.55 + rnd() * 0.6; // < 1 falls behind, > 1 runs ahead
        const longTerm = kind === 'long_term';
        // Milestones: the middle of the way and the deadline; long-term tasks have a yearly target each year.
        const dues = longTerm
          ? Array.from({ length: 4 }, (_, y) => `${Number(issued.slice(0, 4)) + y}-12-31`)
          : [addDays(issued, Math.floor(daysBetween(issued, deadline!) / 2)), deadline!];
        const milestones: (MilestoneState & { id: number; title: string })[] = [];
        for (const [m, due] of dues.entries()) {
          const lag = Math.round((1 / pace - 1) * daysBetween(issued, due) * 0.5);
          const done = addDays(due, lag - 10);
          milestones.push({ id: ++ids.milestone, dueDate: due, doneDate: done <= asOf ? (done < issued ? addDays(issued, 10) : done) : null, weight: 1,
            title: longTerm ? `${due.slice(0, 4)}年度目标` : m === 0 ? '完成阶段性整改' : '全面完成整改' });
        }
        const last = milestones[milestones.length - 1]!;
        const isCompleted = !longTerm && last.doneDate !== null;
        const completedAt = isCompleted ? last.doneDate : null;
        const isClosed = isCompleted && rnd() < 0.35 && addDays(completedAt!, 60) <= asOf;
        const reportedCode: StatusCode = isCompleted ? 'completed' : longTerm ? 'long_term' : pace >= 1 ? 'on_schedule' : 'behind_schedule';
        const scheduleInput = { asOf, deadlineKind: kind, deadlineDate: deadline, isCompleted, isClosed, isLongTerm: longTerm, reportedCode, milestones };
        const schedule = computeSchedule(scheduleInput);
        const warning = computeWarning(scheduleInput, schedule);
        const measureTexts = template.measures.slice(0, 2).map((t) => `${share.unit.name}${t}`);
        const latest = `${pick(rnd, PROGRESS_PHRASES)}。${measureTexts[0]}。`;
        const statusText = STATUS_TEXT[reportedCode] ?? null;
        await sink.add('assignments', COLS.assignments, [id, taskId, share.unit.id, share.parent === null ? null : shareIds[share.parent]!, statusText, reportedCode,
          isCompleted ? 1 : 0, isClosed ? 1 : 0, longTerm ? 1 : 0, completedAt, isClosed ? addDays(completedAt!, 60) : null, kind, deadline, schedule.status, warning.color, warning.reason,
          latest, [String(n), problem, template.goal, statusText ?? '', share.unit.name, ...measureTexts].join('\n'), stamp(issued), stamp(completedAt ?? issued)]);
        timeline.record(dayOf(issued), 'assignment.create', id);
        for (const [k, text] of measureTexts.entries()) {
          const m = milestones[Math.min(k, milestones.length - 1)]!;
          await sink.add('measures', COLS.measures, [++ids.measure, id, k + 1, k + 1, text, share.unit.name, m.dueDate, m.doneDate, stamp(issued), stamp(issued)]);
        }
        for (const m of milestones) {
          await sink.add('milestones', COLS.milestones, [m.id, id, null, m.title, m.dueDate, m.doneDate, 1, stamp(issued), stamp(m.doneDate ?? issued)]);
          if (m.doneDate) timeline.record(dayOf(m.doneDate), 'assignment.update', id, m.id);
        }
        // Cities' own shares are measured by an indicator; the reports record its value.
        const indicator = share.city && share.parent === null ? ++ids.indicator : null;
        const ind = template.indicator;
        if (indicator) {
          await sink.add('indicators', COLS.indicators, [indicator, id, ind.name, ind.unit, ind.baseline, issued, ind.target, deadline ?? addDays(issued, 3 * 365), ind.comparator, stamp(issued), stamp(issued)]);
        }
        const reporter = share.city?.reporter ?? province.admin;
        const reviewer = share.city?.reviewer ?? province.admin;
        for (const round of rounds) {
          if (completedAt && completedAt < round.start) break;
          if (round.open && rnd() < 0.4) continue; // not yet reported in the round under way
          const reportId = ++ids.report;
          reportAssignment[reportId] = id;
          const submitted = round.open ? addDays(round.start, Math.floor(rnd() * Math.max(1, daysBetween(round.start, asOf)))) : addDays(round.end, 1 + Math.floor(rnd() * 9));
          const returned = !round.open && rnd() < 0.06;
          const reviewed = round.open ? null : addDays(submitted, 2 + Math.floor(rnd() * 5) + (returned ? 5 : 0));
          const evidence = indicator ? ++ids.evidence : null;
          await sink.add('progress_reports', COLS.progress_reports, [reportId, id, round.id, round.label, round.open ? submitted : round.end, `${pick(rnd, PROGRESS_PHRASES)}。${measureTexts[0]}，${measureTexts[1]}。`,
            rnd() < 0.3 ? '资金投入不足，部分项目推进缓慢' : null, '继续加大推进力度，确保按期完成整改任务', statusText, reportedCode, round.open ? 'submitted' : 'accepted', 'manual',
            reporter.id, stamp(submitted), round.open ? null : reviewer.id, reviewed ? stamp(reviewed) : null, round.open ? null : '同意', JSON.stringify(evidence ? [evidence] : []),
            stamp(submitted), stamp(reviewed ?? submitted)]);
          timeline.record(dayOf(submitted), 'progress_report.submit', reportId);
          if (reviewed) {
            if (returned) {
              timeline.record(dayOf(submitted) + 2, 'progress_report.return', reportId);
              timeline.record(dayOf(submitted) + 4, 'progress_report.resubmit', reportId);
            }
            timeline.record(dayOf(reviewed), 'progress_report.accept', reportId);
          }
          if (indicator) {
            const fraction = Math.min(1, Math.max(0, (daysBetween(issued, round.end) / daysBetween(issued, deadline ?? addDays(issued, 3 * 365))) * pace));
            const value = Math.round((ind.baseline + (ind.target - ind.baseline) * fraction) * 10) / 10;
            await sink.add('indicator_values', COLS.indicator_values, [indicator, value, round.open ? submitted : round.end, reportId, reporter.id, stamp(submitted)]);
            const blob = blobs[reportId % blobs.length]!;
            await sink.add('evidence_files', COLS.evidence_files, [evidence, blob.sha256, blob.size, 'application/pdf', `${share.unit.name}${round.label}整改佐证材料.pdf`,
              'progress_report', reportId, share.unit.id, reporter.id, stamp(submitted)]);
          }
        }
      }
    }
    progress(`${province.unit.name}: ${ids.assignment} assignments, ${ids.report} progress reports so far`);
  }
  Object.assign(summary, { tasks: ids.task, assignments: ids.assignment, measures: ids.measure, milestones: ids.milestone, indicators: ids.indicator, rounds: ids.round, progressReports: ids.report, evidenceFiles: ids.evidence });
  await sink.flush();

  // Complaint cases: handed over in daily batches to each city during the inspectors' month in the province.
  const cities = provinces.flatMap((p, pi) => p.cities.map((c) => ({ city: c, province: p, pi })));
  const DAYS = 30;
  const batches = cities.length * DAYS;
  let caseId = 0;
  for (let b = 0; b < batches && opts.cases > 0; b++) {
    const { city, province, pi } = cities[b % cities.length]!;
    const day = Math.floor(b / cities.length);
    const handedOver = addDays(start, pi * 3 + day);
    const batchId = b + 1;
    await sink.add('complaint_batches', COLS.complaint_batches, [batchId, pi + 1, city.unit.id, String(day + 1), handedOver, stamp(handedOver)]);
    const deadline = addDays(handedOver, 7);
    const count = Math.floor(opts.cases / batches) + (b < opts.cases % batches ? 1 : 0);
    const units = [city.unit, ...city.subunits.slice(0, opts.countiesPer)];
    for (let i = 0; i < count; i++) {
      const id = ++caseId;
      const u = units[Math.floor(rnd() * units.length)]!;
      caseUnit[id] = u.id;
      const target = `${u.name.slice(0, 2)}某${id % 997}${pick(rnd, CASE_TARGETS)}`;
      const r = rnd();
      const state = r < 0.02 ? 'handling' : r < 0.1 ? 'stage_done' : r < 0.5 ? 'done' : r < 0.98 ? 'closed' : 'reopened';
      const handled = state !== 'handling';
      const doneAt = state === 'done' || state === 'closed' ? addDays(deadline, -Math.floor(rnd() * 5)) : null;
      const closedAt = state === 'closed' ? addDays(doneAt!, 30 + Math.floor(rnd() * 60)) : null;
      await sink.add('complaint_cases', COLS.complaint_cases, [id, batchId, `D3${province.unit.id}${handedOver.replace(/-/g, '')}${String(id).padStart(7, '0')}`, u.id,
        `${city.unit.name}${u.name}${pick(rnd, CASE_PLACES)}`, target, `反映${target}${pick(rnd, CASE_PROBLEMS)}，${pick(rnd, CASE_PROBLEMS)}，群众反映强烈，请求尽快查处。`, pick(rnd, CASE_TYPES),
        rnd() < 0.7 ? 'phone' : 'letter', rnd() < 0.05 ? 1 : 0, deadline, state, handled ? pick(rnd, ['true', 'partly', 'false']) : null, handled ? '已责令整改，立案处罚' : null,
        state === 'stage_done' ? '限期完成治理设施改造' : null, state === 'stage_done' ? addDays(deadline, 180) : null, normalizeTarget(target), doneAt, closedAt, 0,
        stamp(handedOver), stamp(closedAt ?? doneAt ?? handedOver)]);
      if (doneAt) timeline.record(dayOf(doneAt), 'case.handling', id);
      if (closedAt) timeline.record(dayOf(closedAt), 'case.close', id);
    }
    if ((b + 1) % cities.length === 0) progress(`cases: ${caseId}`);
  }
  summary.caseBatches = opts.cases > 0 ? batches : 0;
  summary.cases = caseId;
  await sink.flush();

  // Milestones and measures are revised along the way: the rest of the trail, spread over the assignments.
  for (let i = timeline.size; i < opts.auditEvents; i++) {
    const id = 1 + Math.floor(rnd() * ids.assignment);
    timeline.record(Math.floor(rnd() * dayOf(asOf)), 'assignment.update', id, 0);
  }
  const describe = (kind: EventKind, entity: number, aux: number): EventSubject => {
    switch (kind) {
      case 'org_unit.create':
        return { entityType: 'org_unit', entityId: entity, assignmentId: null, orgUnitId: entity, actor: national, before: undefined, after: { name: unitOf[entity]!.name, path: unitOf[entity]!.path } };
      case 'task.create': {
        const owner = provinces[aux - 1]!;
        return { entityType: 'task', entityId: entity, assignmentId: null, orgUnitId: owner.unit.id, actor: owner.admin, before: undefined, after: { planId: aux } };
      }
      case 'assignment.create':
      case 'assignment.update': {
        const unit = assignmentUnit[entity]!;
        const after = kind === 'assignment.create' ? { taskId: assignmentTask[entity], orgUnitId: unit } : aux ? { milestoneId: aux, done: true } : { measures: 'revised' };
        return { entityType: 'assignment', entityId: entity, assignmentId: entity, orgUnitId: unit, actor: unitActor[unit]!, before: undefined, after };
      }
      case 'progress_report.submit':
      case 'progress_report.return':
      case 'progress_report.resubmit':
      case 'progress_report.accept': {
        const assignment = reportAssignment[entity]!;
        const unit = assignmentUnit[assignment]!;
        const state = { 'progress_report.submit': 'submitted', 'progress_report.return': 'returned', 'progress_report.resubmit': 'submitted', 'progress_report.accept': 'accepted' }[kind];
        return { entityType: 'progress_report', entityId: entity, assignmentId: assignment, orgUnitId: unit, actor: unitActor[unit]!, before: undefined, after: { state } };
      }
      case 'case.handling':
      case 'case.close': {
        const unit = caseUnit[entity]!;
        return { entityType: 'case', entityId: entity, assignmentId: null, orgUnitId: unit, actor: unitActor[unit]!, before: { state: kind === 'case.handling' ? 'handling' : 'done' },
          after: { state: kind === 'case.handling' ? 'done' : 'closed' } };
      }
    }
  };
  summary.auditEvents = await timeline.write(sink, describe, opts.auditEvents);
  progress('building indexes');
  for (const restore of restores) await restore();
  progress(`${summary.auditEvents} audit events`);
  return summary;
}
