/**
 * Table types for Kysely. PERSISTED SHAPES: change only together with a migration.
 * Portable conventions (same code on SQLite and PostgreSQL): ids are integers; timestamps are ISO-8601 text in UTC;
 * dates are 'YYYY-MM-DD' text; booleans are 0/1 integers; lists and objects are JSON text.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Id = Generated<number>;
/** 0/1; every non-null boolean column has a default, so inserts may omit it. */
type Bool = ColumnType<number, number | undefined, number>;
type Version = Generated<number>;
/** A column with a database default: inserts may omit it. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface OrgUnitTable {
  id: Id;
  parent_id: number | null;
  code: string;
  name: string;
  /** province | city | county | department */
  kind: string;
  /** Materialized path of ids, '/1/4/9/': a subtree is `path LIKE '/1/4/%'`. */
  path: string;
  sort_order: Defaulted<number>;
  created_at: string;
  updated_at: string;
  version: Version;
}

export interface InspectionTable {
  id: Id;
  name: string;
  /** '1', '1-lookback', '2', '3', or a provincial round label */
  round: string;
  /** central | provincial */
  kind: string;
  target_org_id: number | null;
  stationed_from: string | null;
  stationed_to: string | null;
  feedback_date: string | null;
  created_at: string;
  updated_at: string;
  version: Version;
  /** Migration 013: JSON list of acceptance levels (county, city, province); null: the deployment setting. */
  acceptance_chain: string | null;
}

export interface PlanTable {
  id: Id;
  inspection_id: number;
  owner_org_id: number;
  title: string;
  issued_date: string | null;
  due_date: string | null;
  created_at: string;
  updated_at: string;
  version: Version;
  /** Migration 010: the higher level's plan this one carries out (a city's plan under the province's). */
  parent_plan_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Migration 013: JSON list of acceptance levels; null: the inspection's chain. */
  acceptance_chain: string | null;
}

export interface TaskTable {
  id: Id;
  plan_id: number;
  /** As printed: "2", "二十", "序号8(市序号9)". */
  code: string;
  number: number | null;
  sort_order: Defaulted<number>;
  problem: string;
  goal: string | null;
  category: string | null;
  /** immediate (立行立改) | by_date | long_term (长期坚持) | unknown */
  deadline_kind: Defaulted<string>;
  deadline_date: string | null;
  deadline_text: string | null;
  lead_unit: string | null;
  /** JSON string[] */
  responsible_units: Defaulted<string>;
  responsible_person: string | null;
  supervising_unit: string | null;
  accepting_unit: string | null;
  created_at: string;
  updated_at: string;
  version: Version;
  /** Migration 010: the task of the higher plan this one carries out. */
  parent_task_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AssignmentTable {
  id: Id;
  task_id: number;
  org_unit_id: number;
  parent_id: number | null;
  /** Status as written by the unit or the report, and its normalized code. */
  status_text: string | null;
  status_code: string | null;
  is_completed: Bool;
  is_closed: Bool;
  is_long_term: Bool;
  completed_at: string | null;
  closed_at: string | null;
  deadline_kind: Defaulted<string>;
  deadline_date: string | null;
  responsible_person: string | null;
  /** Computed schedule status and warning, refreshed on every change that affects them. */
  schedule_status: string | null;
  warning: string | null;
  warning_reason: string | null;
  /** Migration 021: the warning reason as codes with parameters (core/reason-text.ts, JSON); null on older rows. */
  warning_reason_code: string | null;
  /** A person's override of the computed status, with the reason; the computed one is kept beside it. */
  override_status: string | null;
  override_reason: string | null;
  override_by: number | null;
  override_at: string | null;
  latest_progress: string | null;
  /** Denormalized text for search: code, problem, goal, measures, unit name. */
  search_text: string;
  /** The ledger's sort keys (migration 025): the task's plan and place, the unit's path; kept by triggers, never written. */
  task_plan_id: ColumnType<number | null, never, never>;
  task_sort_order: ColumnType<number | null, never, never>;
  org_path: ColumnType<string | null, never, never>;
  created_at: string;
  updated_at: string;
  version: Version;
}

export interface MeasureTable {
  id: Id;
  assignment_id: number;
  ordinal: number | null;
  sort_order: Defaulted<number>;
  text: string;
  /** JSON string[]: the 一是/二是 items */
  items: Defaulted<string>;
  responsible_unit: string | null;
  due_date: string | null;
  done_date: string | null;
  created_at: string;
  updated_at: string;
  version: Version;
}

export interface MilestoneTable {
  id: Id;
  assignment_id: number;
  measure_id: number | null;
  title: string;
  due_date: string;
  done_date: string | null;
  /** Share of the whole work this milestone stands for (weights of one assignment need not sum to 1). */
  weight: Defaulted<number>;
  created_at: string;
  updated_at: string;
  version: Version;
}

export interface IndicatorTable {
  id: Id;
  assignment_id: number;
  name: string;
  unit: string | null;
  baseline: number | null;
  baseline_date: string | null;
  target: number;
  target_date: string | null;
  /** '>=' | '<=' | '=' */
  comparator: Defaulted<string>;
  created_at: string;
  updated_at: string;
  version: Version;
}

export interface IndicatorValueTable {
  id: Id;
  indicator_id: number;
  value: number;
  as_of: string;
  progress_report_id: number | null;
  recorded_by: number | null;
  created_at: string;
}

export interface ReportingRoundTable {
  id: Id;
  name: string;
  /** weekly | monthly | quarterly */
  cycle: string;
  period_start: string;
  period_end: string;
  due_date: string;
  scope_org_id: number;
  inspection_id: number | null;
  /** open | closed */
  state: string;
  opened_by: number | null;
  created_at: string;
  updated_at: string;
  version: Version;
}

export interface ProgressReportTable {
  id: Id;
  assignment_id: number;
  round_id: number | null;
  period_label: string | null;
  as_of: string;
  progress: string | null;
  problems: string | null;
  next_steps: string | null;
  status_text: string | null;
  status_code: string | null;
  /** JSON: measures as reported (imported reports keep the whole set here as history) */
  measures_snapshot: string | null;
  /** draft | submitted | accepted | returned */
  state: string;
  /** manual | import */
  source: string;
  import_id: number | null;
  submitted_by: number | null;
  submitted_at: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  review_comment: string | null;
  /** Migration 004: JSON number[] of evidence files the report cites. */
  evidence_ids: Defaulted<string>;
  /** Migration 004: JSON ReportClaims the report applied (milestone completions with their previous dates). */
  claims: Defaulted<string>;
  /** Migration 011: 佐证材料说明, the unit's note on its evidence (from a returned sheet or the form). */
  evidence_note: string | null;
  created_at: string;
  updated_at: string;
  version: Version;
}

export interface EvidenceFileTable {
  id: Id;
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  /** assignment | progress_report | case | closure | import */
  owner_type: string;
  owner_id: number;
  /** Org unit the file belongs to, for scoping downloads. */
  org_unit_id: number | null;
  uploaded_by: number | null;
  uploaded_at: string;
  /** Migration 013 (calendar): the version this file replaces (null: a first version). */
  replaces_id: number | null;
  /** Migration 013 (calendar): soft withdrawal, with who and why. */
  withdrawn_at: string | null;
  withdrawn_by: number | null;
  withdraw_reason: string | null;
}

export interface DocumentTable {
  id: Id;
  title: string | null;
  number: string | null;
  issuer: string | null;
  issued_date: string | null;
  created_at: string;
}

export interface DocumentRefTable {
  id: Id;
  document_id: number;
  assignment_id: number;
}

export interface ImportTable {
  id: Id;
  file_name: string;
  sha256: string;
  org_unit_id: number;
  inspection_id: number;
  title: string;
  as_of: string | null;
  /** JSON: { created, updated, unchanged, warnings } */
  summary: string;
  imported_by: number | null;
  created_at: string;
}

export interface PublishedReportTable {
  id: Id;
  org_unit_id: number;
  inspection_id: number;
  title: string;
  as_of: string | null;
  /** JSON ParsedReport-shaped content as published */
  content: string;
  import_id: number | null;
  published_at: string;
  published_by: number | null;
  /** 1, 2, … within the report (its unit and inspection); null on a publication folded into the one it repeated (migration 020) */
  version: number | null;
  /** db/report-content-hash.ts: what the version says, so the same content is not published twice */
  content_hash: string | null;
  /** the version an earlier duplicate publication repeated (migration 020); such rows are not listed */
  duplicate_of: number | null;
}

export interface ClosureTable {
  id: Id;
  /** assignment | case */
  subject_type: string;
  subject_id: number;
  /** applied | accepted | noticed | closed | filed | returned | reopened */
  state: string;
  level: string;
  notice_start: string | null;
  notice_end: string | null;
  long_term_mechanism: string | null;
  reopened_from_id: number | null;
  /** Migration 004: the unit that accepts ("谁验收谁负责"), fixed at application from the acceptance level. */
  accepting_org_id: number | null;
  created_at: string;
  updated_at: string;
  version: Version;
  /** Migration 013: JSON list of { level, orgUnitId }, the acceptance stages fixed at application. */
  acceptance_stages: Defaulted<string>;
  /** Migration 013: how many stages have accepted. */
  stage_index: Defaulted<number>;
  /** Migration 013: JSON of the content approved at 销号 (the 销号审批表); null before. */
  approved_content: string | null;
}

/** Migration 013 (calendar): a year whose official holidays and 调休 an administrator entered. */
export interface CalendarYearTable {
  year: number;
  entered_by: number | null;
  entered_at: string;
}

/** Migration 013 (calendar): one day of an entered year that is not as the weekday says: a holiday, or a weekend worked (调休). */
export interface CalendarDayTable {
  date: string;
  year: number;
  /** holiday | workday */
  kind: string;
  name: string | null;
}

export interface ClosureStepTable {
  id: Id;
  closure_id: number;
  step: string;
  actor_id: number | null;
  at: string;
  decision: string | null;
  comment: string | null;
  /** JSON list of evidence ids and hashes the step was decided on */
  evidence_snapshot: Defaulted<string>;
}

export interface ObjectionTable {
  id: Id;
  closure_id: number;
  received_at: string;
  content: string;
  answer: string | null;
  answered_at: string | null;
  answered_by: number | null;
  upheld: Bool | null;
}

export interface ComplaintBatchTable {
  id: Id;
  inspection_id: number;
  org_unit_id: number;
  batch_no: string;
  handed_over_at: string;
  created_at: string;
  /** Migration 005: where the batch came from, and its publication (the public table as published, JSON). */
  file_name: string | null;
  imported_by: number | null;
  published_at: string | null;
  published_by: number | null;
  published_table: string | null;
}

export interface ComplaintCaseTable {
  id: Id;
  batch_id: number;
  /** Original id as handed over, e.g. D3SX202505280018 */
  case_no: string;
  org_unit_id: number;
  region_text: string | null;
  target_name: string | null;
  content: string;
  pollution_type: string | null;
  /** phone | letter | other */
  source: string | null;
  is_key: Bool;
  /** Encrypted at rest (AES-GCM, key from configuration); never in public output. */
  complainant_name_enc: string | null;
  complainant_contact_enc: string | null;
  deadline: string | null;
  /** handling | stage_done | done | closed | reopened */
  state: string;
  /** true | partly | false */
  verified: string | null;
  handling: string | null;
  stage_plan: string | null;
  stage_due: string | null;
  repeat_of_case_id: number | null;
  /** Migration 005: normalized 被举报对象 for repeat detection; why and how strongly the case was linked. */
  target_key: string | null;
  /** same_target | similar_text | manual */
  repeat_reason: string | null;
  repeat_score: number | null;
  done_at: string | null;
  closed_at: string | null;
  is_published: Bool;
  created_at: string;
  updated_at: string;
  version: Version;
}

export interface CasePenaltyTable {
  id: Id;
  case_id: number;
  /** order_rectify | fine | investigation | detention | interview | accountability */
  kind: string;
  amount: number | null;
  persons: string | null;
  note: string | null;
  created_at: string;
}

export interface SupervisionListingTable {
  id: Id;
  /** case | assignment */
  subject_type: string;
  subject_id: number;
  /** province | city | county */
  level: string;
  reason: string;
  measures: string | null;
  deadline: string | null;
  listed_at: string;
  listed_by: number | null;
  delisted_at: string | null;
  delisted_by: number | null;
  delist_decision: string | null;
  /** Migration 017: the unit that listed it; the reason given for delisting before the subject was 办结. */
  listed_org_id: number | null;
  delist_reason: string | null;
}

/** Migration 017: a leader in personal charge (领导包案) of a case or an assignment. */
export interface LeaderChargeTable {
  id: Id;
  subject_type: string;
  subject_id: number;
  leader_name: string;
  position: string | null;
  unit_name: string | null;
  assigned_on: string | null;
  created_at: string;
  created_by: number | null;
}

/** Migration 017: a charged leader's visit or instruction (现场督导, 批示, 约谈, …). */
export interface LeaderActionTable {
  id: Id;
  charge_id: number;
  acted_on: string;
  kind: string;
  content: string;
  created_at: string;
  created_by: number | null;
}

export interface RevisitDrawTable {
  id: Id;
  quarter: string;
  scope_org_id: number;
  seed: string;
  share: number;
  drawn_at: string;
  drawn_by: number | null;
  /** Migration 005: JSON [caseId, orgUnitId][] the sample was drawn from, so the draw can be reproduced. */
  population: Defaulted<string>;
  /** Migration 013 (calendar): JSON { at, population: [caseId, orgUnitId][], added: caseId[] }[], the quarter's top-ups. */
  top_ups: Defaulted<string>;
}

export interface RevisitTable {
  id: Id;
  draw_id: number;
  case_id: number;
  visited_at: string | null;
  method: string | null;
  finding: string | null;
  satisfaction: string | null;
  relapsed: Bool | null;
  recorded_by: number | null;
  recorded_at: string | null;
}

export interface AccountabilityTable {
  id: Id;
  subject_type: string;
  subject_id: number;
  /** Migration 017: one person per record, the measure from the standard list (core/supervision.ts). */
  person: string | null;
  position: string | null;
  unit_name: string | null;
  measure: string | null;
  measure_other: string | null;
  decided_at: string | null;
  document: string | null;
  created_at: string;
  created_by: number | null;
}

export interface UserTable {
  id: Id;
  username: string;
  display_name: string;
  password_hash: string;
  is_active: Bool;
  failed_logins: Defaulted<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
  version: Version;
  /** Lower-case e-mail address for password reset, unique when set (migration 006). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1: the next sign-in must set a new password before anything else (migration 012). */
  must_change_password: Bool;
}

export interface MembershipTable {
  id: Id;
  user_id: number;
  org_unit_id: number;
  /** admin | reporter | reviewer | viewer */
  role: string;
  /** 1: this role at this unit may open complainants' details of the cases at the unit and below (migration 016). */
  complainant_details: Bool;
}

export interface SessionTable {
  /** sha256 of the session token; the token itself is only in the cookie. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** One-time password reset links (migration 006); the token itself is only in the e-mail. */
export interface PasswordResetTable {
  id: Id;
  /** sha256 of the token. */
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  /** When the link was used, or revoked (by a later reset of the password): either way it no longer works. */
  used_at: string | null;
}

/** Hits of one rate-limited key (route and client address) in its current fixed window (migration 007). */
export interface RateLimitTable {
  key: string;
  hits: number;
  window_ends: string;
}

export interface ApiTokenTable {
  id: Id;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** When the token stops working (migration 012; null only on rows written before it ran). */
  expires_at: string | null;
  /** read | write (migration 012). */
  scope: Defaulted<string>;
}

export interface AuditEventTable {
  id: Id;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  /** Assignment the event belongs to, for a task's history. */
  assignment_id: number | null;
  /** Org unit the event concerns, so administrators read only their subtree's trail (migration 003). */
  org_unit_id: number | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
  /** Gapless 1, 2, 3, … so a deleted event is named (migration 012; numbered in id order for older events). */
  seq: number | null;
  /** Key the hash was made with: null = plain sha256 of the first format, 'none' = unkeyed, else the key's id. */
  key_id: string | null;
}

export interface JobTable {
  id: Id;
  kind: string;
  payload: string;
  run_at: string;
  /** queued | running | done | failed */
  state: string;
  attempts: Defaulted<number>;
  locked_by: string | null;
  locked_at: string | null;
  finished_at: string | null;
  error: string | null;
  dedupe_key: string | null;
}

export interface NotificationTable {
  id: Id;
  user_id: number | null;
  org_unit_id: number | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** Migration 021: the values title and body were composed of (JSON), worded by readers from `kind`; null on older rows. */
  params: string | null;
  created_at: string;
  read_at: string | null;
  dedupe_key: string;
}

export interface OutboxTable {
  id: Id;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  state: string;
  attempts: Defaulted<number>;
  created_at: string;
  sent_at: string | null;
  error: string | null;
  dedupe_key: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Migration 009: dashboard roll-ups, kept by triggers; org_unit_id counts the unit and everything below it. */
export interface OrgAncestorTable { unit_id: number; ancestor_id: number }
export interface RollupStatusTable { org_unit_id: number; schedule_status: string; warning: string; is_completed: number; n: number }
export interface RollupTaskTable { org_unit_id: number; task_id: number; is_completed: number; n: number }
export interface RollupCompletedTable { org_unit_id: number; month: string; n: number }
export interface RollupDueTable { org_unit_id: number; deadline_date: string; n: number }

/** Migration 010: a name an office's tables use for a unit, chosen once in an import preview and remembered. */
export interface UnitAliasTable {
  id: Id;
  /** The unit whose tables use the name (the importing plan's owner). */
  scope_org_id: number;
  /** The name as written, normalized (unit-names.ts aliasKey). */
  alias: string;
  org_unit_id: number;
  created_by: number | null;
  created_at: string;
}

/** Migration 011: a round sheet (调度表) that came back from a unit. */
export interface RoundSheetReturnTable {
  id: Id;
  round_id: number;
  org_unit_id: number;
  file_name: string;
  sha256: string;
  /** JSON { reports, edits, unchanged, kept } */
  summary: string;
  returned_by: number | null;
  returned_at: string;
}

/** Migration 019: a 催办 sent by hand to a unit that owes reports in a round (one a day per unit per round). */
export interface RoundReminderTable {
  id: Id;
  round_id: number;
  org_unit_id: number;
  /** The China date it was sent on (the once-a-day key). */
  sent_on: string;
  sent_at: string;
  sent_by: number | null;
  /** How many people it reached, and how many reports the unit owed then. */
  recipients: number;
  owed: number;
}

export interface Database {
  org_units: OrgUnitTable;
  inspections: InspectionTable;
  plans: PlanTable;
  tasks: TaskTable;
  assignments: AssignmentTable;
  measures: MeasureTable;
  milestones: MilestoneTable;
  indicators: IndicatorTable;
  indicator_values: IndicatorValueTable;
  reporting_rounds: ReportingRoundTable;
  progress_reports: ProgressReportTable;
  round_sheet_returns: RoundSheetReturnTable;
  round_reminders: RoundReminderTable;
  evidence_files: EvidenceFileTable;
  documents: DocumentTable;
  document_refs: DocumentRefTable;
  imports: ImportTable;
  published_reports: PublishedReportTable;
  closures: ClosureTable;
  closure_steps: ClosureStepTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
  objections: ObjectionTable;
  complaint_batches: ComplaintBatchTable;
  complaint_cases: ComplaintCaseTable;
  case_penalties: CasePenaltyTable;
  supervision_listings: SupervisionListingTable;
  revisit_draws: RevisitDrawTable;
  revisits: RevisitTable;
  accountability_records: AccountabilityTable;
  leader_charges: LeaderChargeTable;
  leader_actions: LeaderActionTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  password_resets: PasswordResetTable;
  rate_limits: RateLimitTable;
  audit_events: AuditEventTable;
  jobs: JobTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
  settings: SettingTable;
  org_ancestors: OrgAncestorTable;
  rollup_status: RollupStatusTable;
  rollup_task: RollupTaskTable;
  rollup_completed: RollupCompletedTable;
  rollup_due: RollupDueTable;
  unit_aliases: UnitAliasTable;
}

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type TaskRow = Selectable<TaskTable>;
export type AssignmentRow = Selectable<AssignmentTable>;
export type NewAssignment = Insertable<AssignmentTable>;
export type AssignmentUpdate = Updateable<AssignmentTable>;
export type JsonText = ColumnType<string, string, string>;
