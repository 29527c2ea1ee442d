/** The health check's one use case: the database answers. */
import type { AppContext } from './context.js';
import { pingDatabase } from '../db/database.js';

export async function checkDatabase(ctx: AppContext): Promise<void> {
  await pingDatabase(ctx.db);
}
