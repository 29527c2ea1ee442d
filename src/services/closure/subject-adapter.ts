/**
 * The contract of a closable subject (what the closure procedure needs to know about the thing being closed), apart
 * from the registry in subjects.ts so that each adapter (assignment-subject.ts, cases/closure-subject.ts) depends on
 * the contract alone, not on the registry that imports it.
 */
import type { AppContext } from '../context.js';
import type { Tx, Conn } from '../../db/database.js';
import type { Actor } from '../../db/audit.repository.js';
import type { EvidenceRef } from '../../db/closures.repository.js';
import type { AppError } from '../../core/errors.js';
import type { SubjectContent } from '../../core/approval-form.js';
import type { AcceptanceLevel, ClosureSettingsKey } from '../../core/settings.js';

export interface ClosureSubject {
  id: number;
  /** The unit holding the subject: scoping, and the start of the chain that finds the accepting unit. */
  orgUnitId: number;
  orgPath: string;
  /** How people name it: "任务 2（抚顺市）", "信访件 D3SX202505280018". */
  label: string;
  /** Long-term subjects close with their lasting mechanism (长效机制) and stay on a follow-up schedule. */
  isLongTerm: boolean;
  /** The assignment the audit events belong to, when the subject is one. */
  assignmentId: number | null;
}

export interface ClosureSubjectAdapter {
  readonly type: string;
  /** The settings the procedure runs under for this type (notice, acceptance level). */
  readonly settingsKey: ClosureSettingsKey;
  /** The error a missing (or out-of-scope) subject answers with. */
  notFound(id: number): AppError;
  load(db: Conn, id: number): Promise<ClosureSubject>;
  /** Null when the subject may apply for acceptance; otherwise why not, for the applicant. */
  readiness(db: Conn, id: number): Promise<string | null>;
  /** The acceptance levels its inspection or plan defines (null: the deployment setting's level). */
  acceptanceChain?(db: Conn, id: number): Promise<AcceptanceLevel[] | null>;
  /** What the subject says at 销号 (problem, goal, measures, milestones, indicator values), for the frozen record. */
  content?(db: Conn, id: number): Promise<SubjectContent>;
  /** The subject's evidence files: the dossier an application snapshots. */
  evidence(db: Conn, id: number): Promise<EvidenceRef[]>;
  /** Rejected at acceptance or by an upheld objection: back to rectification. */
  onReturned(ctx: Pick<AppContext, 'dialect'>, tx: Tx, actor: Actor, id: number, reason: string): Promise<void>;
  /** Closed (销号) on `date`. */
  onClosed(ctx: Pick<AppContext, 'dialect'>, tx: Tx, actor: Actor, id: number, date: string): Promise<void>;
  /** Reopened after a relapse (反弹). */
  onReopened(ctx: Pick<AppContext, 'dialect'>, tx: Tx, actor: Actor, id: number, reason: string): Promise<void>;
}
