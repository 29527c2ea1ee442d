/**
 * Exporting sheets that can come back: the ledger as filtered (台账回填表), and a round's sheets (调度表), one sheet
 * per unit that owes reports (a unit downloads its own; the office gets every unit's in one workbook). Each row is
 * signed with its id, version and values; the metadata sheet is signed with what the workbook is.
 */
import { LEDGER_SHEET_FORMAT, type LedgerSheetKind, type LedgerSheetMeta } from '../../core/ledger-sheet.js';
import { measureText } from '../../export/blocks.js';
import { renderRoundtripXlsx, type RoundtripRow, type RoundtripSheet } from '../../export/xlsx-roundtrip.js';
import { listSheetRows, type SheetRowData } from '../../db/ledger-sheets.repository.js';
import { getOrgUnitById } from '../../db/org-units.repository.js';
import { getRound, listRoundEntries, roundNotFound } from '../../db/rounds.repository.js';
import { nowIso } from '../../db/clock.js';
import { AppError, ifNotFound } from '../../core/errors.js';
import type { AppContext } from '../context.js';
import { assertRelated, pathsFor, type Access } from '../access.js';
import { getLedgerPage, LEDGER_EXPORT_LIMIT } from '../ledger.js';
import { newExportId, signMeta, signRow } from './signing.js';
import { currentValues } from './values.js';

const LIGHT = { red: '红', yellow: '黄', green: '绿' } as const;

export interface SheetDownload { fileName: string; data: Buffer; rows: number }

function* sheetRows(ctx: AppContext, exportId: string, rows: readonly SheetRowData[]): Generator<RoundtripRow> {
  for (const d of rows) {
    const a = d.assignment;
    const values = currentValues(d);
    yield {
      rowId: a.id, version: a.version, check: signRow(ctx.config, exportId, a.id, a.version, values), code: a.taskCode, problem: a.problem,
      measures: d.measures.map((m) => measureText(m.ordinal, m.text)).join('\n') || null, unit: a.orgUnitName,
      warning: a.warning ? LIGHT[a.warning] : null, values,
    };
  }
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique within the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = (wanted.replace(/[[\]:*?/\\]/g, '').trim() || '工作表').slice(0, 28);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 26)}(${i})`;
  taken.add(name);
  return name;
}

async function render(ctx: AppContext, access: Access, kind: LedgerSheetKind, round: { id: number; name: string } | null,
  sheets: { title: string; unitId: number | null; unitName: string | null; rows: SheetRowData[] }[]): Promise<Buffer> {
  const exportId = newExportId();
  const taken = new Set<string>();
  const named = sheets.map((s) => ({ ...s, name: sheetName(s.unitName ?? '台账回填', taken) }));
  const unsigned: Omit<LedgerSheetMeta, 'signature'> = {
    format: LEDGER_SHEET_FORMAT, kind, exportId, roundId: round?.id ?? null, roundName: round?.name ?? null, exportedAt: nowIso(),
    exportedById: access.actor.id, exportedByName: access.actor.name, sheets: named.map((s) => ({ name: s.name, unitId: s.unitId, unitName: s.unitName })),
  };
  const book: RoundtripSheet[] = named.map((s) => ({ name: s.name, title: s.title, rows: sheetRows(ctx, exportId, s.rows) }));
  return renderRoundtripXlsx({ meta: { ...unsigned, signature: signMeta(ctx.config, unsigned) }, sheets: book });
}

/** The ledger as the reader filtered it (up to 10,000 rows), as a sheet that can be filled in and imported back. */
export async function exportLedgerSheet(ctx: AppContext, access: Access, filter: Parameters<typeof getLedgerPage>[2]): Promise<SheetDownload> {
  const { rows: page } = await getLedgerPage(ctx, pathsFor(access, 'read'), { ...filter, exportLimit: LEDGER_EXPORT_LIMIT });
  const rows = await listSheetRows(ctx.db, page.map((r) => r.id), null);
  const day = nowIso().slice(0, 10);
  const data = await render(ctx, access, 'ledger', null, [{ title: `整改任务台账（可回填，导出于 ${day}）`, unitId: null, unitName: null, rows }]);
  return { fileName: `整改任务台账-回填-${day}.xlsx`, data, rows: rows.length };
}

/**
 * A round's sheets: one per unit owing reports in the reader's scope (under `orgUnitId` when given). A unit's
 * reporter gets its own sheet; the office gets every unit's.
 */
export async function exportRoundSheets(ctx: AppContext, access: Access, roundId: number, orgUnitId?: number): Promise<SheetDownload> {
  const round = await getRound(ctx.db, roundId);
  assertRelated(access, round.scopePath, roundNotFound(roundId));
  let entries = await listRoundEntries(ctx.db, round, pathsFor(access, 'read'));
  let unitName: string | null = null;
  if (orgUnitId !== undefined) {
    const unit = await getOrgUnitById(ctx.db, orgUnitId).catch(ifNotFound(() => null));
    if (!unit || !pathsFor(access, 'read').some((p) => unit.path.startsWith(p) || p.startsWith(unit.path))) throw new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${orgUnitId} 的单位`);
    entries = entries.filter((e) => e.orgPath.startsWith(unit.path));
    unitName = unit.name;
  }
  if (entries.length === 0) throw new AppError('NOT_FOUND', `调度轮次“${round.name}”中${unitName ? `${unitName}` : '您的范围内'}没有需要报送的任务`);
  const units = new Map<number, { name: string; ids: number[] }>();
  for (const e of entries) {
    const u = units.get(e.orgUnitId) ?? { name: e.orgUnitName, ids: [] };
    u.ids.push(e.assignmentId);
    units.set(e.orgUnitId, u);
  }
  const rows = new Map((await listSheetRows(ctx.db, entries.map((e) => e.assignmentId), round.id)).map((r) => [r.assignment.id, r]));
  const sheets = [...units].map(([id, u]) => ({
    title: `${round.name}（${u.name}，截止 ${round.dueDate}）`, unitId: id, unitName: u.name, rows: u.ids.flatMap((i) => rows.get(i) ?? []),
  }));
  const data = await render(ctx, access, 'round', round, sheets);
  const who = units.size === 1 ? [...units.values()][0]!.name : (unitName ?? '各单位');
  return { fileName: `${round.name}-调度表-${who}.xlsx`, data, rows: entries.length };
}
