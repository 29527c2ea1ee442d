/**
 * Listed supervision (挂牌督办) of a case or a task's assignment, at province, city or county level, with the reason,
 * the leader in personal charge (领导包案), measures and a deadline; and delisting (摘牌) with the decision. A listing
 * is made by an administrator of a unit at or above its level, so a county cannot hang a provincial plate.
 */
import type { AppContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import { LISTING_LEVEL_LABELS, type ListingLevel, type ListingReason, type SubjectType } from '../../core/case.js';
import type { OrgKind } from '../../core/org.js';
import { can } from '../../core/roles.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { delistListing, getListingById, insertListing, listListings, listListingsOf, type Listing } from '../../db/case-records.repository.js';
import { listOrgUnitsByIds } from '../../db/org-units.repository.js';
import type { Conn } from '../../db/database.js';
import { assertMay, forbidden, pathsFor, type Access } from '../access.js';
import { getSubjectInScope, type Subject } from './subjects.js';

const RANK: Record<OrgKind, number> = { department: 0, county: 1, city: 2, province: 3 };

/** 403 unless the actor administers, above the subject, a unit of at least the listing's level. */
async function assertLevel(db: Conn, access: Access, subject: Subject, level: ListingLevel): Promise<void> {
  assertMay(access, 'writeLedger', subject.unit.path);
  const covering = access.memberships.filter((m) => can([m], 'writeLedger', subject.unit.path));
  const kinds = (await listOrgUnitsByIds(db, covering.map((m) => m.orgUnitId))).map((u) => u.kind);
  if (!kinds.some((k) => RANK[k] >= RANK[level])) {
    throw new AppError('FORBIDDEN', `${LISTING_LEVEL_LABELS[level]}挂牌督办须由${LISTING_LEVEL_LABELS[level]}或更高一级单位的管理员办理`);
  }
}

export interface ListingInput {
  subjectType: SubjectType; subjectId: number; level: ListingLevel; reason: ListingReason;
  leader?: string | null; measures?: string | null; deadline?: string | null;
}

export async function listSubject(ctx: AppContext, access: Access, input: ListingInput): Promise<Listing> {
  return ctx.db.transaction().execute(async (tx) => {
    const subject = await getSubjectInScope(tx, access, input.subjectType, input.subjectId);
    await assertLevel(tx, access, subject, input.level);
    const active = (await listListingsOf(tx, input.subjectType, input.subjectId)).find((l) => l.delistedAt === null);
    if (active) throw new AppError('ALREADY_EXISTS', `${subject.label} 已在${LISTING_LEVEL_LABELS[active.level]}挂牌督办，如需调整级别请先摘牌`, { current: active });
    const listing = await insertListing(tx, { ...input, leader: input.leader ?? null, measures: input.measures ?? null, deadline: input.deadline ?? null, listedBy: access.actor.id });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'listing.create', entityType: input.subjectType, entityId: input.subjectId, orgUnitId: subject.unit.id,
      assignmentId: input.subjectType === 'assignment' ? input.subjectId : null,
      after: { listingId: listing.id, level: listing.level, reason: listing.reason, leader: listing.leader, measures: listing.measures, deadline: listing.deadline },
    });
    return listing;
  });
}

export async function delistSubject(ctx: AppContext, access: Access, listingId: number, decision: string): Promise<Listing> {
  return ctx.db.transaction().execute(async (tx) => {
    const listing = await getListingById(tx, listingId);
    const subject = await getSubjectInScope(tx, access, listing.subjectType, listing.subjectId)
      .catch(() => { throw new AppError('NOT_FOUND', `找不到编号为 ${listingId} 的挂牌督办记录`); });
    await assertLevel(tx, access, subject, listing.level);
    if (!(await delistListing(tx, listingId, access.actor.id, decision))) {
      throw new AppError('INVALID_TRANSITION', `该挂牌督办已于 ${listing.delistedAt?.slice(0, 10) ?? '此前'} 摘牌`, { current: await getListingById(tx, listingId) });
    }
    const done = await getListingById(tx, listingId);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'listing.delist', entityType: listing.subjectType, entityId: listing.subjectId, orgUnitId: subject.unit.id,
      assignmentId: listing.subjectType === 'assignment' ? listing.subjectId : null, after: { listingId, decision },
    });
    return done;
  });
}

export async function listListingsInScope(ctx: AppContext, access: Access, opts: { active?: boolean; subjectType?: SubjectType }) {
  const paths = pathsFor(access, 'read');
  if (paths.length === 0) throw forbidden();
  return listListings(ctx.db, paths, opts);
}
