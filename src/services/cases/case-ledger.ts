/**
 * Reading the case ledger: a filtered page, the dashboard counts, and the XLSX export. Everything is cut to the
 * reader's scope, and every text is redacted for every reader: the details open only case by case, through a view
 * recorded in the audit trail (case-detail.ts). A text search finds a case outside the reader's grant of
 * complainants' details only through what the reader is shown, so searching a name or a number reveals nothing.
 */
import type { AppContext } from '../context.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { isRelated } from '../../core/scope.js';
import { CASE_SOURCE_LABELS, VERIFIED_LABELS } from '../../core/case.js';
import { CASE_STATE_LABELS, isCaseOverdue } from '../../core/case-state.js';
import { countCases, countFilteredCases, findCasePage, findCaseRows, type CaseLedgerFilter, type CaseLedgerItem } from '../../db/case-ledger.repository.js';
import { listAccountability, listPenalties } from '../../db/case-records.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import type { Conn } from '../../db/database.js';
import { renderCaseLedgerXlsx } from '../../export/xlsx-ledgers.js';
import type { CaseLedgerRow } from '../../export/types.js';
import { forbidden, pathsFor, type Access } from '../access.js';
import { today } from '../schedule.js';
import { redactorFor } from './redact.js';
import { accountabilityText } from './case-texts.js';
import { countCaseSupervision } from '../../db/supervision.repository.js';

export type CaseQuery = Omit<CaseLedgerFilter, 'scopePaths' | 'orgPath' | 'today'> & { orgUnitId?: number };

/** Export cap: a national ledger is exported per province or batch, not whole. */
export const MAX_EXPORT_ROWS = 100_000;

async function filterFor(db: Conn, access: Access, q: CaseQuery): Promise<CaseLedgerFilter> {
  const scopePaths = pathsFor(access, 'read');
  if (scopePaths.length === 0) throw forbidden();
  const { orgUnitId, ...rest } = q;
  let orgPath: string | undefined;
  if (orgUnitId) {
    const unit = await getOrgUnitById(db, orgUnitId).catch(ifNotFound(() => undefined));
    // A county may filter by its city (the results stay cut to its county); an unrelated unit does not exist for it.
    if (!unit || !isRelated(scopePaths, unit.path)) throw new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${orgUnitId} 的单位`);
    orgPath = unit.path;
  }
  return { ...rest, scopePaths, orgPath, today: today() };
}

/** Every reader gets the ledger's texts redacted. */
async function protectRows(ctx: AppContext, rows: CaseLedgerItem[]): Promise<CaseLedgerItem[]> {
  if (rows.length === 0) return rows;
  const redact = await redactorFor(ctx, ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, content: redact(r.id, r.content)!, targetName: redact(r.id, r.targetName), handling: redact(r.id, r.handling) }));
}

/** Searches matching more cases than this are checked page by page only (their total may count a case or two too many). */
export const MAX_GUARDED_SEARCH = 20_000;

/** The search text would need the guard: the reader lacks the grant of complainants' details somewhere in their scope. */
function searchNeedsGuard(access: Access, filter: CaseLedgerFilter): string | null {
  const text = filter.q?.trim();
  if (!text) return null;
  return filter.scopePaths.some((p) => !can(access.memberships, 'readPersonalData', p)) ? text.toLowerCase() : null;
}

/** Whether a redacted row still matches the search where the reader has no grant (the fields the search looks at). */
function matchesShown(access: Access, row: CaseLedgerItem, text: string): boolean {
  if (can(access.memberships, 'readPersonalData', row.orgPath)) return true;
  return [row.caseNo, row.targetName ?? '', row.regionText ?? '', row.content].join(' ').toLowerCase().includes(text);
}

export async function getCasePage(ctx: AppContext, access: Access, q: CaseQuery) {
  const filter = await filterFor(ctx.db, access, q);
  const asOf = filter.today;
  const guard = searchNeedsGuard(access, filter);
  let rows: CaseLedgerItem[];
  let total: number;
  if (guard === null) {
    ({ rows, total } = await findCasePage(ctx.db, ctx.dialect, filter));
    rows = await protectRows(ctx, rows);
  } else {
    // A name or a number of a complainant must not find the case for a reader who may not see them.
    const pageSize = Math.max(q.pageSize ?? 20, 1);
    const offset = (Math.max(q.page ?? 1, 1) - 1) * pageSize;
    const count = await countFilteredCases(ctx.db, ctx.dialect, filter);
    if (count <= MAX_GUARDED_SEARCH) {
      const shown = (await protectRows(ctx, await findCaseRows(ctx.db, ctx.dialect, filter, count))).filter((r) => matchesShown(access, r, guard));
      rows = shown.slice(offset, offset + pageSize);
      total = shown.length;
    } else {
      const page = await protectRows(ctx, await findCaseRows(ctx.db, ctx.dialect, filter, pageSize, offset));
      rows = page.filter((r) => matchesShown(access, r, guard));
      total = count - (page.length - rows.length);
    }
  }
  const items = rows.map((r) => ({ ...r, isOverdue: isCaseOverdue(r, asOf) }));
  return { items, total, page: q.page ?? 1, pageSize: q.pageSize ?? 20, asOf };
}

export async function getCaseSummary(ctx: AppContext, access: Access, q: Pick<CaseQuery, 'orgUnitId' | 'inspectionId' | 'batchId'>) {
  const filter = await filterFor(ctx.db, access, q);
  return { asOf: filter.today, ...(await countCases(ctx.db, ctx.dialect, filter)), ...(await countCaseSupervision(ctx.db, ctx.dialect, filter)) };
}

/** The case ledger as XLSX (信访件台账): no complainant columns, and every text redacted. */
export async function exportCaseLedger(ctx: AppContext, access: Access, q: CaseQuery): Promise<{ data: Buffer; rows: number }> {
  const filter = await filterFor(ctx.db, access, q);
  const total = await countFilteredCases(ctx.db, ctx.dialect, filter);
  if (total > MAX_EXPORT_ROWS) {
    throw new AppError('VALIDATION_FAILED', `筛选结果有 ${total} 件，超过单次导出上限 ${MAX_EXPORT_ROWS} 件，请按单位或批次缩小范围`);
  }
  const guard = searchNeedsGuard(access, filter);
  const found = await findCaseRows(ctx.db, ctx.dialect, filter, MAX_EXPORT_ROWS);
  const redact = await redactorFor(ctx, ctx.db, found.map((r) => r.id));
  const items = guard === null ? found
    : found.filter((r) => matchesShown(access, { ...r, content: redact(r.id, r.content)!, targetName: redact(r.id, r.targetName) }, guard));
  const ids = items.map((r) => r.id);
  const penalties = await listPenalties(ctx.db, ids);
  const records = await listAccountability(ctx.db, 'case', ids);
  const rows: CaseLedgerRow[] = items.map((r) => ({
    caseNo: r.caseNo, batch: r.batchNo, district: r.regionText, target: redact(r.id, r.targetName), content: redact(r.id, r.content)!,
    pollutionType: r.pollutionType, source: r.source ? CASE_SOURCE_LABELS[r.source] : null, isKey: r.isKey, unit: r.orgUnitName,
    dueDate: r.deadline ? new Date(`${r.deadline}T00:00:00Z`) : null, state: CASE_STATE_LABELS[r.state],
    verified: r.verified ? VERIFIED_LABELS[r.verified] : null, handling: redact(r.id, r.handling),
    accountability: redact(r.id, accountabilityText(records.filter((a) => a.subjectId === r.id), penalties.filter((p) => p.caseId === r.id))),
  }));
  return { data: await renderCaseLedgerXlsx(rows), rows: rows.length };
}
