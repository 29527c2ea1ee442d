/**
 * Listed supervision (挂牌督办) of a case or a task's assignment, at province, city or county level, with the reason,
 * measures and a deadline; and delisting (摘牌) with the decision. A listing is made by an administrator of a unit at
 * or above its level, so a county cannot hang a provincial plate; the listing keeps that unit. 摘牌 comes when the
 * subject is 办结 (a case 已办结 or 销号, a task share 完成整改 or 销号); before that only the listing unit or a unit above
 * it may delist, and only with a reason, which is recorded (docs/regime.md).
 */
import type { AppContext } from '../context.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { LISTING_LEVEL_LABELS, type ListingLevel, type ListingReason, type SubjectType } from '../../core/case.js';
import type { OrgKind } from '../../core/org.js';
import { can } from '../../core/roles.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { delistListing, getListingById, insertListing, listListings, listListingsOf, type Listing } from '../../db/case-records.repository.js';
import { getOrgUnitById, listOrgUnitsByIds } from '../../db/org-units.repository.js';
import type { OrgUnit } from '../../core/api/org-units.js';
import { insertLeaderCharge } from '../../db/supervision.repository.js';
import type { Conn } from '../../db/database.js';
import { assertMay, forbidden, pathsFor, type Access } from '../access.js';
import { today } from '../schedule.js';
import { getSubjectInScope, type Subject } from './subjects.js';

const RANK: Record<OrgKind, number> = { department: 0, county: 1, city: 2, province: 3 };

/**
 * 403 unless the actor administers, above the subject, a unit of at least the listing's level; answers the nearest
 * such unit (the one that lists).
 */
async function assertLevel(db: Conn, access: Access, subject: Subject, level: ListingLevel): Promise<OrgUnit> {
  assertMay(access, 'writeLedger', subject.unit.path);
  const covering = access.memberships.filter((m) => can([m], 'writeLedger', subject.unit.path));
  const units = (await listOrgUnitsByIds(db, covering.map((m) => m.orgUnitId))).filter((u) => RANK[u.kind] >= RANK[level]);
  if (units.length === 0) {
    throw new AppError('FORBIDDEN', `${LISTING_LEVEL_LABELS[level]}挂牌督办须由${LISTING_LEVEL_LABELS[level]}或更高一级单位的管理员办理`);
  }
  return units.sort((a, b) => b.path.length - a.path.length)[0]!;
}

export interface ListingInput {
  subjectType: SubjectType; subjectId: number; level: ListingLevel; reason: ListingReason;
  /** The leader in personal charge (领导包案), by name: recorded as a leader charge of the subject (services/cases/leaders.ts). */
  leader?: string | null; measures?: string | null; deadline?: string | null;
}

export async function listSubject(ctx: AppContext, access: Access, input: ListingInput): Promise<Listing> {
  return ctx.db.transaction().execute(async (tx) => {
    const subject = await getSubjectInScope(tx, access, input.subjectType, input.subjectId);
    const lister = await assertLevel(tx, access, subject, input.level);
    const active = (await listListingsOf(tx, input.subjectType, input.subjectId)).find((l) => l.delistedAt === null);
    if (active) throw new AppError('ALREADY_EXISTS', `${subject.label} 已在${LISTING_LEVEL_LABELS[active.level]}挂牌督办，如需调整级别请先摘牌`, { current: active });
    const listing = await insertListing(tx, {
      subjectType: input.subjectType, subjectId: input.subjectId, level: input.level, reason: input.reason, measures: input.measures ?? null,
      deadline: input.deadline ?? null, listedBy: access.actor.id, listedOrgId: lister.id,
    });
    const leader = input.leader?.trim();
    const charge = leader
      ? await insertLeaderCharge(tx, { subjectType: input.subjectType, subjectId: input.subjectId, leaderName: leader, position: null, unitName: null, assignedOn: today(), createdBy: access.actor.id })
      : null;
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'listing.create', entityType: input.subjectType, entityId: input.subjectId, orgUnitId: subject.unit.id,
      assignmentId: input.subjectType === 'assignment' ? input.subjectId : null,
      after: { listingId: listing.id, level: listing.level, reason: listing.reason, listedOrgId: lister.id, measures: listing.measures, deadline: listing.deadline, leaderChargeId: charge?.id ?? null, leader: leader ?? null },
    });
    return listing;
  });
}

export interface DelistInput {
  /** The delisting decision (摘牌意见). */
  decision: string;
  /** Required when the subject is not yet 办结: why it comes off the list now, given by the listing unit or above. */
  reason?: string | null;
}

export async function delistSubject(ctx: AppContext, access: Access, listingId: number, input: DelistInput): Promise<Listing> {
  return ctx.db.transaction().execute(async (tx) => {
    const listing = await getListingById(tx, listingId);
    const subject = await getSubjectInScope(tx, access, listing.subjectType, listing.subjectId)
      .catch(ifNotFound(() => { throw new AppError('NOT_FOUND', `找不到编号为 ${listingId} 的挂牌督办记录`); }));
    await assertLevel(tx, access, subject, listing.level);
    if (listing.delistedAt) {
      throw new AppError('INVALID_TRANSITION', `该挂牌督办已于 ${listing.delistedAt.slice(0, 10)} 摘牌`, { current: listing });
    }
    const reason = input.reason?.trim() || null;
    if (!subject.isDone) {
      const lister = listing.listedOrgId ? await getOrgUnitById(tx, listing.listedOrgId) : null;
      const who = lister ? `挂牌单位（${lister.name}）或其上级` : `${LISTING_LEVEL_LABELS[listing.level]}或更高一级单位`;
      if (!reason) {
        throw new AppError('SUBJECT_NOT_DONE', `${subject.label} 当前为“${subject.stateText}”，尚未办结，不能摘牌；确需提前摘牌的，须由${who}写明理由`, { state: subject.stateText, listedOrgId: listing.listedOrgId });
      }
      if (lister && !can(access.memberships, 'writeLedger', lister.path)) {
        throw new AppError('FORBIDDEN', `${subject.label} 尚未办结，提前摘牌须由${who}的管理员办理`);
      }
    }
    // A reason given for a subject already done is kept too: it is what the delisting unit wrote.
    if (!(await delistListing(tx, listingId, access.actor.id, input.decision, reason))) {
      throw new AppError('INVALID_TRANSITION', '该挂牌督办已由他人摘牌', { current: await getListingById(tx, listingId) });
    }
    const done = await getListingById(tx, listingId);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'listing.delist', entityType: listing.subjectType, entityId: listing.subjectId, orgUnitId: subject.unit.id,
      assignmentId: listing.subjectType === 'assignment' ? listing.subjectId : null,
      after: { listingId, decision: input.decision, reason, subjectDone: subject.isDone, subjectState: subject.stateText },
    });
    return done;
  });
}

export async function listListingsInScope(ctx: AppContext, access: Access, opts: { active?: boolean; subjectType?: SubjectType }) {
  const paths = pathsFor(access, 'read');
  if (paths.length === 0) throw forbidden();
  return listListings(ctx.db, paths, opts);
}
