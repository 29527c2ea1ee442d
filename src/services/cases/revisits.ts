/**
 * Quarterly revisits of handled cases (复查回访): an administrator draws, per unit of a subtree, at least the configured
 * share of the cases handled in the quarter (at least one per unit that handled any), from a seed that is recorded
 * and audited, so anyone can redraw and check the sample. A revisit that finds the problem back reopens the case.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { quarterRange, type RevisitMethod, type Satisfaction } from '../../core/case.js';
import { drawRevisitSample, quotaState, revisitQuotaStatus, topUpRevisitSample } from '../../core/revisit-sample.js';
import { today } from '../schedule.js';
import { inScope } from '../../core/scope.js';
import { appendAuditEvent } from '../../db/audit.repository.js';
import { getCaseById } from '../../db/cases.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import {
  findDraw, getDrawById, getRevisitById, insertDraw, insertTopUp, listDraws, listHandledCases, listRevisits, updateRevisit, type RevisitDraw,
} from '../../db/revisits.repository.js';
import { assertAt, assertMay, forbidden, pathsFor, type Access } from '../access.js';
import { readSettings } from '../settings.js';
import { keepIfUnchanged, redactCase, redactorFor } from './redact.js';
import { getCaseInScope } from './case-access.js';
import { reopenRelapsedCase } from './closure-subject.js';
import { zhDate, zhPeriod } from '../../core/zh-text.js';

const drawNotFound = (id: number) => new AppError('NOT_FOUND', `找不到编号为 ${id} 的复查回访抽查`);

export interface DrawInput { orgUnitId: number; quarter: string; seed?: string; share?: number }

const pairs = (population: readonly [number, number][]) => population.map(([caseId, orgUnitId]) => ({ caseId, orgUnitId }));

/**
 * Whether the stored sample is exactly what the seed draws from the stored population, followed by each top-up the
 * seed makes from the population recorded with it.
 */
function reproduces(draw: RevisitDraw, drawnCaseIds: readonly number[]): boolean {
  const again = drawRevisitSample(pairs(draw.population), draw.share, draw.seed).flatMap((u) => u.caseIds);
  for (const t of draw.topUps) again.push(...topUpRevisitSample(pairs(t.population), draw.share, draw.seed, again).flatMap((u) => u.caseIds));
  const stored = [...drawnCaseIds].sort((a, b) => a - b);
  return again.length === stored.length && [...again].sort((a, b) => a - b).every((id, i) => id === stored[i]);
}

export async function drawRevisits(ctx: AppContext, access: Access, input: DrawInput) {
  const range = quarterRange(input.quarter);
  if (!range) throw new AppError('VALIDATION_FAILED', `季度“${input.quarter}”格式有误，应为四位年份、字母Q和季度序号1–4`);
  const drawId = await ctx.db.transaction().execute(async (tx) => {
    const unit = await getOrgUnitById(tx, input.orgUnitId).catch(ifNotFound(() => { throw new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${input.orgUnitId} 的单位`); }));
    assertAt(access, 'writeLedger', unit.path, new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${input.orgUnitId} 的单位`));
    const settings = await readSettings(tx, 'cases');
    const share = input.share ?? settings.revisitShare;
    if (share < settings.revisitShare) throw new AppError('VALIDATION_FAILED', `抽查比例不得低于规定的 ${Math.round(settings.revisitShare * 100)}%`);
    if (await findDraw(tx, unit.id, input.quarter)) throw new AppError('ALREADY_EXISTS', `${unit.name}${zhPeriod(input.quarter)}已抽查过，同一季度只抽一次；此后办结的信访件请在该次抽查中“补抽”`);
    const population = await listHandledCases(tx, unit.path, range.from, range.to);
    if (population.length === 0) throw new AppError('VALIDATION_FAILED', `${unit.name}在${zhPeriod(input.quarter)}没有办结的信访件，无需抽查`);
    const seed = input.seed?.trim() || randomBytes(8).toString('hex');
    const sample = drawRevisitSample(population, share, seed);
    const caseIds = sample.flatMap((u) => u.caseIds).sort((a, b) => a - b);
    const draw = await insertDraw(tx, { quarter: input.quarter, scopeOrgId: unit.id, seed, share, drawnBy: access.actor.id,
      population: population.map((p) => [p.caseId, p.orgUnitId]) }, caseIds);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'revisit.draw', entityType: 'revisit_draw', entityId: draw.id, orgUnitId: unit.id,
      after: { quarter: input.quarter, seed, share, population: population.length, drawn: caseIds.length,
        byUnit: sample.map((u) => ({ orgUnitId: u.orgUnitId, population: u.population, drawn: u.caseIds.length })), caseIds },
    });
    return draw.id;
  });
  return getDrawDetail(ctx, access, drawId);
}

/**
 * The quarter's quota per unit against the cases handled so far: met, short (a warning in the last days of the
 * quarter) or missed (the quarter is over and the unit is short).
 */
async function quotaOf(tx: Parameters<typeof listHandledCases>[0], draw: RevisitDraw, unitPath: string, drawn: readonly number[]) {
  const range = quarterRange(draw.quarter)!;
  const units = revisitQuotaStatus(await listHandledCases(tx, unitPath, range.from, range.to), drawn, draw.share);
  const short = units.filter((u) => u.short > 0);
  const { status, daysLeft } = quotaState(units, range.to, today());
  const names = await Promise.all(short.map(async (u) => `${(await getOrgUnitById(tx, u.orgUnitId)).name}差${u.short}件`));
  const message = status === 'met' ? null
    : status === 'missed' ? `${zhPeriod(draw.quarter)}已结束，以下单位未达到${Math.round(draw.share * 100)}%的复查回访比例：${names.join('、')}`
      : `${zhPeriod(draw.quarter)}于${zhDate(range.to)}结束${status === 'warning' ? `（还有${daysLeft}天）` : ''}，以下单位尚未达到${Math.round(draw.share * 100)}%的复查回访比例，请补抽：${names.join('、')}`;
  return { quarterEnd: range.to, daysLeft, status, message, units };
}

/** Tops the draw up with cases handled since (per unit up to the quota of its cases now), reproducibly from the seed. */
export async function topUpRevisits(ctx: AppContext, access: Access, drawId: number) {
  await ctx.db.transaction().execute(async (tx) => {
    const draw = await getDrawById(tx, drawId).catch(ifNotFound(() => { throw drawNotFound(drawId); }));
    const unit = await getOrgUnitById(tx, draw.scopeOrgId);
    assertAt(access, 'writeLedger', unit.path, drawNotFound(drawId));
    const range = quarterRange(draw.quarter)!;
    const population = await listHandledCases(tx, unit.path, range.from, range.to);
    const drawn = (await listRevisits(tx, { drawId })).map((r) => r.caseId);
    const added = topUpRevisitSample(population, draw.share, draw.seed, drawn);
    const caseIds = added.flatMap((u) => u.caseIds).sort((a, b) => a - b);
    if (caseIds.length === 0) throw new AppError('INVALID_TRANSITION', `${unit.name}${zhPeriod(draw.quarter)}各单位均已达到抽查比例，无需补抽`);
    await insertTopUp(tx, drawId, { population: population.map((p) => [p.caseId, p.orgUnitId]), added: caseIds });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'revisit.top_up', entityType: 'revisit_draw', entityId: drawId, orgUnitId: unit.id,
      after: { quarter: draw.quarter, population: population.length, added: caseIds.length, byUnit: added.map((u) => ({ orgUnitId: u.orgUnitId, population: u.population, added: u.caseIds.length })), caseIds },
    });
  });
  return getDrawDetail(ctx, access, drawId);
}

/** A draw with its revisits (those of units in the reader's scope) and whether the seed still reproduces it. */
export async function getDrawDetail(ctx: AppContext, access: Access, id: number) {
  const draw = await getDrawById(ctx.db, id).catch(ifNotFound(() => { throw drawNotFound(id); }));
  const unit = await getOrgUnitById(ctx.db, draw.scopeOrgId);
  const readable = pathsFor(access, 'read');
  if (!readable.some((p) => unit.path.startsWith(p) || p.startsWith(unit.path))) throw drawNotFound(id);
  const all = await listRevisits(ctx.db, { drawId: id });
  const units = new Map<number, string>();
  for (const r of all) if (!units.has(r.orgUnitId)) units.set(r.orgUnitId, (await getOrgUnitById(ctx.db, r.orgUnitId)).path);
  const visible = all.filter((r) => inScope(readable, units.get(r.orgUnitId)!));
  // Findings may name the complainant (who was called back): redacted like every case text.
  const redact = await redactorFor(ctx, ctx.db, visible.map((r) => r.caseId));
  const { population, topUps, ...rest } = draw;
  const drawn = all.map((r) => r.caseId);
  return {
    draw: { ...rest, scopeOrgName: unit.name, populationSize: population.length, topUps: topUps.length },
    reproducible: reproduces(draw, drawn), quota: await quotaOf(ctx.db, draw, unit.path, drawn),
    revisits: visible.map((r) => ({ ...r, finding: redact(r.caseId, r.finding) })),
  };
}

export async function listDrawsInScope(ctx: AppContext, access: Access) {
  const paths = pathsFor(access, 'read');
  if (paths.length === 0) throw forbidden();
  return listDraws(ctx.db, paths);
}

export interface RevisitInput { visitedAt: string; method: RevisitMethod; finding: string; satisfaction: Satisfaction | null; relapsed: boolean }

/** Records a revisit (reviewers and administrators of the case's unit); a relapse reopens the case in the same transaction. */
export async function recordRevisit(ctx: AppContext, access: Access, revisitId: number, input: RevisitInput) {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await getRevisitById(tx, revisitId).catch(ifNotFound(() => { throw new AppError('NOT_FOUND', `找不到编号为 ${revisitId} 的复查回访`); }));
    const { complaint, unit } = await getCaseInScope(tx, access, before.caseId)
      .catch(ifNotFound(() => { throw new AppError('NOT_FOUND', `找不到编号为 ${revisitId} 的复查回访`); }));
    assertMay(access, 'review', unit.path);
    // A finding sent back as it was shown (redacted) keeps the stored one.
    const shown = await redactorFor(ctx, tx, [complaint.id]);
    const finding = keepIfUnchanged(shown, complaint.id, before.finding, input.finding) ?? input.finding;
    const revisit = await updateRevisit(tx, revisitId, { ...input, finding }, access.actor.id);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'revisit.record', entityType: 'case', entityId: complaint.id, orgUnitId: complaint.orgUnitId,
      after: { revisitId, drawId: revisit.drawId, visitedAt: input.visitedAt, method: input.method, satisfaction: input.satisfaction, relapsed: input.relapsed },
    });
    let reopened = false;
    if (input.relapsed && (complaint.state === 'done' || complaint.state === 'closed')) {
      await reopenRelapsedCase(ctx, tx, access, complaint, `复查回访（${zhDate(input.visitedAt)}）发现问题反弹`);
      reopened = true;
    }
    const redact = await redactorFor(ctx, tx, [complaint.id]);
    return { revisit: { ...revisit, finding: redact(complaint.id, revisit.finding) }, reopened, case: await redactCase(ctx, tx, await getCaseById(tx, complaint.id)) };
  });
}
