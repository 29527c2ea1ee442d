/**
 * Evidence (佐证材料): files attached to an assignment, a progress report, a complaint case or a closure. The content
 * decides the type (the name and the browser's claim are not trusted); the name is sanitized and kept only as
 * metadata; the bytes are stored once per content. `storeEvidence` is the one way in, for every workflow.
 */
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { assertNotClosed } from '../core/closure.js';
import { can } from '../core/roles.js';
import { extensionOf, sanitizeFileName } from '../core/file-names.js';
import { appendAuditEvent, type Actor } from '../db/audit.repository.js';
import type { Conn, Tx } from '../db/database.js';
import { insertEvidenceRecord } from '../db/imports.repository.js';
import {
  closuresPinning, findEvidencePage, findSameEvidence, getEvidenceById, insertEvidenceVersion, isReplaced, listEvidenceVersions, withdrawEvidenceRow, withdrawnAtOf,
  type EvidenceFilter, type EvidenceWithScope,
} from '../db/evidence.repository.js';
import { sniffMediaType } from './media-type.js';
import { assertMay, type Access } from './access.js';
import { getAssignmentInScope } from './assignments.js';

/** The largest evidence file accepted (the HTTP upload limit is the same figure). */
export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;
// Refused by name even before the content is read: markup and executables have no place in a ledger.
const REFUSED_EXTENSIONS = new Set(['svg', 'svgz', 'html', 'htm', 'xhtml', 'xml', 'js', 'mjs', 'exe', 'bat', 'cmd', 'sh', 'ps1', 'msi', 'dll', 'jar', 'apk']);

export interface EvidenceInput {
  ownerType: 'assignment' | 'progress_report' | 'case' | 'closure';
  ownerId: number;
  /** The unit whose readers may download the file. */
  orgUnitId: number;
  /** For the assignment's history (defaults to ownerId when the owner is an assignment). */
  assignmentId?: number | null;
  name: string;
  data: Uint8Array;
}

/** Checks the content, names it safely and works out its stored media type; throws UNSUPPORTED_FILE with the reason. */
export function checkEvidenceFile(name: string, data: Uint8Array): { name: string; mediaType: string } {
  if (data.byteLength > MAX_EVIDENCE_BYTES) throw new AppError('FILE_TOO_LARGE', `文件超过 ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB 上限`);
  let safe = sanitizeFileName(name);
  const ext = extensionOf(safe);
  if (REFUSED_EXTENSIONS.has(ext)) throw new AppError('UNSUPPORTED_FILE', `不接受 .${ext} 文件（${safe}）：网页、矢量图和可执行文件可能含有脚本，请转为 PDF 或图片后上传`);
  const sniffed = sniffMediaType(data);
  if (!sniffed.ok) throw new AppError('UNSUPPORTED_FILE', `${safe}：${sniffed.reason}。可上传 PDF、图片（PNG/JPEG/GIF/WebP）、Word/Excel、文本/CSV 或 MP4 视频`);
  if (ext && !sniffed.extensions.includes(ext)) {
    throw new AppError('UNSUPPORTED_FILE', `${safe}：文件名是 .${ext}，但内容是${sniffed.label}；请检查是否选错了文件，或改正扩展名后再上传`);
  }
  if (!ext) safe = `${safe}.${sniffed.extensions[0]}`;
  const mediaType = ext === 'csv' ? sniffed.mediaType.replace('text/plain', 'text/csv') : sniffed.mediaType;
  return { name: safe, mediaType };
}

/**
 * Stores a file as evidence of a record, inside the caller's transaction when one is given (a progress report and
 * its files commit together). The same content on the same record returns the existing record.
 */
export async function storeEvidence(ctx: AppContext, actor: Actor, input: EvidenceInput, tx?: Tx): Promise<EvidenceWithScope> {
  const checked = checkEvidenceFile(input.name, input.data);
  // Content-addressed and idempotent: a blob left by a rolled-back transaction is harmless and reused next time.
  const stored = await ctx.files.put(input.data);
  const write = async (conn: Conn) => {
    const same = await findSameEvidence(conn, input.ownerType, input.ownerId, stored.sha256);
    if (same) return same;
    const id = await insertEvidenceRecord(conn, {
      sha256: stored.sha256, size: stored.size, mediaType: checked.mediaType, originalName: checked.name, ownerType: input.ownerType,
      ownerId: input.ownerId, orgUnitId: input.orgUnitId, uploadedBy: actor.id,
    });
    await appendAuditEvent(conn, ctx.dialect, actor, {
      action: 'evidence.upload', entityType: 'evidence', entityId: id, orgUnitId: input.orgUnitId,
      assignmentId: input.assignmentId ?? (input.ownerType === 'assignment' ? input.ownerId : null),
      after: { ownerType: input.ownerType, ownerId: input.ownerId, name: checked.name, mediaType: checked.mediaType, size: stored.size, sha256: stored.sha256 },
    });
    return getEvidenceById(conn, id);
  };
  return tx ? write(tx) : ctx.db.transaction().execute(write);
}

/** Upload to an assignment: reporters and administrators of its unit. */
export async function uploadAssignmentEvidence(ctx: AppContext, access: Access, assignmentId: number, file: { name: string; data: Uint8Array }) {
  const { assignment, unit } = await getAssignmentInScope(ctx.db, access, assignmentId);
  assertMay(access, 'writeProgress', unit.path);
  // A closed long-term share keeps reporting its follow-up, with evidence.
  if (!assignment.isLongTerm) assertNotClosed(assignment);
  return storeEvidence(ctx, access.actor, { ownerType: 'assignment', ownerId: assignmentId, orgUnitId: unit.id, ...file });
}

export async function listAssignmentEvidence(ctx: AppContext, access: Access, assignmentId: number, f: EvidenceFilter) {
  await getAssignmentInScope(ctx.db, access, assignmentId);
  return findEvidencePage(ctx.db, assignmentId, f);
}

/** A file the reader may download: its unit must be in their read scope, else it does not exist for them. */
export async function getEvidenceForDownload(ctx: AppContext, access: Access, id: number): Promise<EvidenceWithScope> {
  const evidence = await getEvidenceById(ctx.db, id);
  if (evidence.orgPath === null || !can(access.memberships, 'read', evidence.orgPath)) {
    throw new AppError('EVIDENCE_NOT_FOUND', `找不到编号为 ${id} 的佐证材料`);
  }
  return evidence;
}

const INLINE_SAFE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** Images and PDF may be shown in the browser for preview; everything else is only ever downloaded. */
export function isInlineSafe(mediaType: string): boolean {
  return INLINE_SAFE.has(mediaType);
}

/** A current version of an assignment's own file, which its unit may still change (not closed, unless long-term). */
async function changeableEvidence(ctx: AppContext, access: Access, id: number) {
  const e = await getEvidenceForDownload(ctx, access, id);
  if (e.ownerType !== 'assignment') throw new AppError('INVALID_TRANSITION', '只能在任务的佐证材料中替换或撤回文件（进展报告的附件随报告保存）');
  const { assignment, unit } = await getAssignmentInScope(ctx.db, access, e.ownerId);
  assertMay(access, 'writeProgress', unit.path);
  if (!assignment.isLongTerm) assertNotClosed(assignment);
  const current = await getEvidenceById(ctx.db, id);
  const withdrawnAt = await withdrawnAtOf(ctx.db, id);
  if (withdrawnAt) throw new AppError('INVALID_TRANSITION', `${current.originalName} 已于 ${withdrawnAt.slice(0, 10)} 撤回`);
  if (await isReplaced(ctx.db, id)) throw new AppError('INVALID_TRANSITION', `${current.originalName} 已有新版本，请在最新版本上操作`);
  return { e: current, assignment, unit };
}

/** Replaces a file with a new version: every version stays (who, when, hash, size); closures keep the versions they pinned. */
export async function replaceEvidence(ctx: AppContext, access: Access, id: number, file: { name: string; data: Uint8Array }) {
  const { e, assignment, unit } = await changeableEvidence(ctx, access, id);
  const checked = checkEvidenceFile(file.name, file.data);
  const stored = await ctx.files.put(file.data);
  if (stored.sha256 === e.sha256) throw new AppError('VALIDATION_FAILED', `上传的文件与 ${e.originalName} 的当前版本内容相同，无需替换`);
  return ctx.db.transaction().execute(async (tx) => {
    if (await isReplaced(tx, id)) throw new AppError('VERSION_CONFLICT', `${e.originalName} 刚被他人替换，请刷新后查看最新版本`);
    const newId = await insertEvidenceVersion(tx, {
      replacesId: id, sha256: stored.sha256, size: stored.size, mediaType: checked.mediaType, originalName: checked.name, ownerType: e.ownerType,
      ownerId: e.ownerId, orgUnitId: unit.id, uploadedBy: access.actor.id, uploadedAt: new Date().toISOString(),
    });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'evidence.replace', entityType: 'evidence', entityId: newId, orgUnitId: unit.id, assignmentId: assignment.id,
      before: { id, name: e.originalName, sha256: e.sha256, size: e.size }, after: { id: newId, name: checked.name, sha256: stored.sha256, size: stored.size },
    });
    return getEvidenceById(tx, newId);
  });
}

/** Withdraws a file softly, with the reason: it leaves the current list and new dossiers, and stays downloadable by id. */
export async function withdrawEvidence(ctx: AppContext, access: Access, id: number, reason: string) {
  const text = reason.trim();
  if (text.length < 2) throw new AppError('VALIDATION_FAILED', '请写明撤回理由', [{ field: 'reason', message: '请写明撤回理由' }]);
  const { e, assignment, unit } = await changeableEvidence(ctx, access, id);
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await withdrawEvidenceRow(tx, id, access.actor.id, text, new Date().toISOString()))) throw new AppError('INVALID_TRANSITION', `${e.originalName} 已撤回`);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'evidence.withdraw', entityType: 'evidence', entityId: id, orgUnitId: unit.id, assignmentId: assignment.id,
      before: { name: e.originalName, sha256: e.sha256 }, after: { withdrawn: true, reason: text },
    });
  });
  return listVersionsOf(ctx, access, id);
}

/** Every version of a file, with the closures that pinned each. */
export async function listVersionsOf(ctx: AppContext, access: Access, id: number) {
  await getEvidenceForDownload(ctx, access, id);
  const versions = await listEvidenceVersions(ctx.db, id);
  return { versions: await Promise.all(versions.map(async (v, i) => ({ ...v, version: i + 1, current: i === versions.length - 1 && !v.withdrawnAt, pinnedBy: await closuresPinning(ctx.db, v.id) }))) };
}
