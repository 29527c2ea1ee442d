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
import { findEvidencePage, findSameEvidence, getEvidenceById, type EvidenceFilter, type EvidenceWithScope } from '../db/evidence.repository.js';
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
