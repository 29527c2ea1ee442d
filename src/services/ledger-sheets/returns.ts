/** The round sheets (调度表) that came back, as the round's page lists them. */
import { getRound, roundNotFound } from '../../db/rounds.repository.js';
import { listSheetReturns } from '../../db/ledger-sheets.repository.js';
import type { AppContext } from '../context.js';
import { assertRelated, pathsFor, type Access } from '../access.js';

export async function listSheetReturnsOfRound(ctx: AppContext, access: Access, roundId: number) {
  const round = await getRound(ctx.db, roundId);
  assertRelated(access, round.scopePath, roundNotFound(roundId));
  return (await listSheetReturns(ctx.db, round.id, pathsFor(access, 'read'))).map((r) => ({
    id: r.id, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, fileName: r.fileName, returnedByName: r.returnedByName, returnedAt: r.returnedAt, summary: r.summary,
  }));
}
