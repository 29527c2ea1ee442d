/** Evidence of a case's handling (photos, penalty decisions, monitoring reports), through the shared evidence store. */
import type { AppContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import { assertMay, type Access } from '../access.js';
import { storeEvidence } from '../evidence.js';
import { getCaseInScope } from './case-access.js';

/** Reporters and administrators of the case's unit; a closed case's dossier is final. */
export async function uploadCaseEvidence(ctx: AppContext, access: Access, caseId: number, file: { name: string; data: Uint8Array }) {
  const { complaint, unit } = await getCaseInScope(ctx.db, access, caseId);
  assertMay(access, 'writeProgress', unit.path);
  if (complaint.state === 'closed') throw new AppError('INVALID_TRANSITION', '信访件已销号，佐证材料不能再增加');
  const e = await storeEvidence(ctx, access.actor, { ownerType: 'case', ownerId: caseId, orgUnitId: unit.id, ...file });
  return { id: e.id, originalName: e.originalName, mediaType: e.mediaType, size: e.size };
}
