/**
 * The CLI side of the Excel round trip: `rectify export --roundtrip | --round <id>` writes a sheet that can come
 * back, and `rectify import FILE` hands a sheet Rectify exported to the sheet import before any other reader
 * (`--dry-run` prints the preview, `--as <user>` acts as that user, whose role decides reports or edits,
 * `--take file|rectify` settles conflicts). Refusals exit non-zero with one line naming the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { getConfig } from '../../config.js';
import { openContext } from '../../bootstrap.js';
import { AppError } from '../../core/errors.js';
import type { Membership } from '../../core/roles.js';
import { findUserByUsername, listMemberships } from '../../db/users.repository.js';
import { listRootOrgUnits } from '../../db/ledger-sheets.repository.js';
import type { Access } from '../../services/access.js';
import type { AppContext } from '../../services/context.js';
import { resolveOrgUnit } from '../../services/resolve-org.js';
import { isLedgerSheetXlsx } from '../../import/ledger-sheet-xlsx.js';
import { MAX_INPUT_BYTES } from '../../import/index.js';

export interface SheetImportOptions { dryRun?: boolean; as?: string; take?: string }

/** Acts as the named user (their memberships decide what they may do), or as the system with every unit's rights. */
async function cliAccess(ctx: AppContext, username: string | undefined): Promise<Access> {
  if (username) {
    const user = await findUserByUsername(ctx.db, username);
    if (!user || !user.isActive) throw new AppError('USER_NOT_FOUND', `找不到可用的用户“${username}”`);
    return { actor: { id: user.id, name: user.username }, memberships: await listMemberships(ctx.db, user.id) };
  }
  const roots = await listRootOrgUnits(ctx.db);
  const memberships: Membership[] = roots.map((u) => ({ orgUnitId: u.id, orgPath: u.path, orgName: u.name, role: 'admin' }));
  return { actor: { id: null, name: 'system' }, memberships };
}

/**
 * Imports FILE when it is a sheet Rectify exported; returns false (having done nothing) for any other file, so the
 * other readers get their turn.
 */
export async function importLedgerSheetIfAny(target: string, opts: SheetImportOptions): Promise<boolean> {
  if (!/\.xls[xm]$/i.test(target) || !fs.existsSync(target) || fs.statSync(target).isDirectory()) return false;
  if (fs.statSync(target).size > MAX_INPUT_BYTES) return false;
  const data = fs.readFileSync(target);
  const name = path.basename(target);
  if (!isLedgerSheetXlsx(data, name)) return false;
  if (opts.take !== undefined && opts.take !== 'file' && opts.take !== 'rectify') throw new AppError('VALIDATION_FAILED', '--take 须为 file（保留表格）或 rectify（保留系统中的内容）');
  const { previewSheetImport, applySheetUpload } = await import('../../services/ledger-sheets/import-sheet.js');
  const ctx = await openContext(getConfig());
  try {
    const access = await cliAccess(ctx, opts.as);
    const preview = await previewSheetImport(ctx, access, { name, data });
    const kind = preview.kind === 'round' ? `调度表（${preview.roundName ?? ''}）` : '台账回填表';
    process.stdout.write(`${name}：${kind}，导出于 ${preview.exportedAt}（${preview.exportedByName}）\n`);
    for (const r of preview.rows) {
      const head = `第${r.line}行 任务${r.taskCode}（${r.orgUnitName}）`;
      if (r.outcome === 'refused') continue;
      const verb = r.outcome === 'conflict' ? '冲突' : r.mode === 'edit' ? '修改' : '报送';
      process.stdout.write(`${head} ${verb}：\n`);
      for (const f of r.fields) process.stdout.write(`  ${f.label}：${r.outcome === 'conflict' ? '系统' : '原'}“${f.rectify ?? ''}” → 表格“${f.file ?? ''}”\n`);
    }
    for (const line of preview.refusals) process.stderr.write(`${name} 拒收：${line}\n`);
    const c = preview.counts;
    process.stdout.write(`预览：修改 ${c.change} 行，冲突 ${c.conflict} 行，未变 ${c.unchanged} 行，拒收 ${c.refused} 处\n`);
    if (c.refused > 0) { process.exitCode = 1; return true; }
    if (opts.dryRun) return true;
    if (c.conflict > 0 && !opts.take) throw new AppError('VALIDATION_FAILED', `${name}: 有 ${c.conflict} 行在导出后已在系统中被修改；用 --take file 保留表格的内容，或 --take rectify 保留系统中的内容`);
    const s = await applySheetUpload(ctx, access, { name, data }, { take: opts.take });
    process.stdout.write(`已导入：报送 ${s.reports} 项，修改 ${s.edits} 项，保留系统内容 ${s.kept} 项，未变 ${s.unchanged} 项\n`);
  } finally {
    await ctx.close();
  }
  return true;
}

export interface SheetExportOptions { roundtrip?: boolean; round?: string; unit?: string; org?: string; out: string; as?: string }

/** `rectify export --roundtrip` / `--round <id> [--unit <path>]`: true when it handled the command. */
export async function exportLedgerSheetIfAsked(opts: SheetExportOptions): Promise<boolean> {
  if (!opts.roundtrip && opts.round === undefined) return false;
  if (opts.round !== undefined && !/^\d+$/.test(opts.round)) throw new AppError('VALIDATION_FAILED', '--round 须为调度轮次编号');
  const { exportLedgerSheet, exportRoundSheets } = await import('../../services/ledger-sheets/export.js');
  const ctx = await openContext(getConfig());
  try {
    const access = await cliAccess(ctx, opts.as);
    const unitSpec = opts.unit ?? opts.org;
    const unit = unitSpec ? await resolveOrgUnit(ctx.db, unitSpec, { create: false }) : undefined;
    const sheet = opts.round !== undefined
      ? await exportRoundSheets(ctx, access, Number(opts.round), unit?.id)
      : await exportLedgerSheet(ctx, access, { orgUnitId: unit?.id });
    fs.writeFileSync(opts.out, sheet.data);
    process.stdout.write(`已写出 ${opts.out}：${sheet.fileName}，${sheet.rows} 行\n`);
  } finally {
    await ctx.close();
  }
  return true;
}

/** The options the two commands take for sheets (kept here so the commands' own lists stay short). */
export function addSheetImportOptions(cmd: Command): Command {
  return cmd
    .option('--dry-run', 'for a sheet Rectify exported or a plan table: print the preview (changes, conflicts, refusals; a plan cell by cell with its units) and write nothing')
    .option('--as <user>', 'for a sheet: act as this user (reporters submit reports, administrators edit); default: the system')
    .option('--take <side>', 'for a sheet: on a conflict keep the file\'s content (file) or Rectify\'s (rectify)');
}

export function addSheetExportOptions(cmd: Command): Command {
  return cmd
    .option('--roundtrip', 'write the task ledger as a sheet that can be filled in and imported back (xlsx)')
    .option('--round <id>', 'write a reporting round\'s sheets (调度表), one per unit')
    .option('--unit <unit>', 'with --round: only this unit\'s sheet, e.g. 辽宁省/抚顺市/新宾满族自治县')
    .option('--as <user>', 'with --roundtrip/--round: export as this user (their scope); default: the system');
}
