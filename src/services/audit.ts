/**
 * Reading the audit trail within scope; checking its hash chain against the checkpoints kept outside the database
 * (the CLI's `rectify audit verify`), and writing those checkpoints (on a schedule by the server's worker, on demand
 * by `rectify audit checkpoint`), optionally sent to the webhook too as an anchor off this machine.
 */
import type { AppContext } from './context.js';
import { coversRoot } from '../core/scope.js';
import { listAuditEvents, readAuditHead, verifyAuditChain, type AuditCheckpoint, type AuditVerification } from '../db/audit.repository.js';
import { findAuditPage, type AuditFilter } from '../db/audit-trail.repository.js';
import { insertOutboxMessage } from '../db/outbox.repository.js';
import { nowIso } from '../db/clock.js';
import { readCheckpointFiles, writeCheckpointFile } from '../storage/audit-checkpoints.js';
import { pathsFor, type Access } from './access.js';
import { getAssignmentInScope } from './assignments.js';
import { getOrgUnitInScope } from './org-units.js';
import { AppError } from '../core/errors.js';

/** The audit log's filters as people give them: a unit (and everything below it), and a range of China calendar days. */
export interface AuditTrailQuery extends Omit<AuditFilter, 'scopePaths' | 'includeUnscoped' | 'unitPath' | 'from' | 'to'> {
  orgUnitId?: number;
  /** YYYY-MM-DD, China's calendar day, inclusive. */
  from?: string;
  to?: string;
}

/** The first instant of a China calendar day (UTC+8, no daylight saving) as the ISO text events are stamped with. */
export function chinaDayStart(day: string): string {
  const t = Date.parse(`${day}T00:00:00+08:00`);
  if (Number.isNaN(t)) throw new AppError('VALIDATION_FAILED', `无法识别日期“${day}”`);
  return new Date(t).toISOString();
}

export async function listAuditTrail(ctx: AppContext, access: Access, q: AuditTrailQuery) {
  const { orgUnitId, from, to, ...rest } = q;
  if (from && to && from > to) throw new AppError('VALIDATION_FAILED', '起始日期不能晚于截止日期');
  const unitPath = orgUnitId === undefined ? undefined : (await getOrgUnitInScope(ctx, access, orgUnitId)).path;
  const scopePaths = pathsFor(access, 'readAudit');
  return findAuditPage(ctx.db, {
    ...rest, unitPath, scopePaths, includeUnscoped: coversRoot(scopePaths),
    from: from ? chinaDayStart(from) : undefined,
    // Up to the end of the last day: before the start of the next.
    to: to ? new Date(Date.parse(chinaDayStart(to)) + 86_400_000).toISOString() : undefined,
  });
}

/** An assignment's history, newest first; readers of the assignment may read it. */
export async function getAssignmentHistory(ctx: AppContext, access: Access, assignmentId: number, page: { beforeId?: number; limit: number }) {
  await getAssignmentInScope(ctx.db, access, assignmentId);
  return listAuditEvents(ctx.db, { assignmentId, beforeId: page.beforeId, limit: page.limit });
}

export type AuditCheck = AuditVerification & { unreadableCheckpoints: string[] };

/** Walks the whole chain and compares every checkpoint; the first missing or altered event when it is broken. */
export async function verifyAudit(ctx: Pick<AppContext, 'db' | 'config'>): Promise<AuditCheck> {
  const { checkpoints, unreadable } = await readCheckpointFiles(ctx.config.audit.checkpointDir);
  return { ...(await verifyAuditChain(ctx.db, { checkpoints })), unreadableCheckpoints: unreadable };
}

/**
 * Records the chain's head outside the database; undefined when the trail is empty. Idempotent per head: another
 * instance (or an earlier call) that recorded the same head leaves nothing to do, and the webhook message has the
 * head in its dedupe key, so it leaves once.
 */
export async function writeAuditCheckpoint(ctx: Pick<AppContext, 'db' | 'config'>): Promise<{ checkpoint: AuditCheckpoint; written: boolean } | undefined> {
  const head = await readAuditHead(ctx.db);
  if (!head) return undefined;
  const checkpoint: AuditCheckpoint = { seq: head.seq, hash: head.hash, keyId: head.keyId, at: nowIso() };
  const written = await writeCheckpointFile(ctx.config.audit.checkpointDir, checkpoint);
  if (written && ctx.config.audit.checkpointWebhook && ctx.config.webhookUrl) {
    await insertOutboxMessage(ctx.db, {
      channel: 'webhook', recipient: 'audit-checkpoint', subject: `审计链检查点 #${head.seq}`,
      body: JSON.stringify(checkpoint), dedupeKey: `audit-checkpoint:${head.seq}:${head.hash.slice(0, 16)}`,
    });
  }
  return { checkpoint, written };
}
