/** The public, without signing in: published batch tables (转办和边督边改公开情况一览表), personal data removed at publication. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { getPublicBatchTable, listPublicBatches } from '../../services/cases/publication.js';
import { ErrorResponse, IdParams } from '../schemas.js';

const PublicBatchSchema = z.object({ id: z.number(), batchNo: z.string(), handedOverAt: z.string(), publishedAt: z.string(), orgUnitName: z.string(), inspectionName: z.string() });
const PublicRowSchema = z.object({
  seq: z.number(), caseNo: z.string(), region: z.string(), content: z.string(), pollutionType: z.string().nullable(), verified: z.string().nullable(),
  handling: z.string().nullable(), state: z.string(), accountability: z.string().nullable(),
});

export const publicCaseRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/public/case-batches', {
    schema: { tags: ['public'], summary: 'Published batches of complaint cases, newest first', response: { 200: z.object({ items: z.array(PublicBatchSchema) }) } },
  }, async () => ({ items: await listPublicBatches(ctx) }));

  app.get('/api/public/case-batches/:id', {
    schema: { tags: ['public'], summary: 'One published batch table', params: IdParams, response: { 200: z.object({ batch: PublicBatchSchema, rows: z.array(PublicRowSchema) }), 404: ErrorResponse } },
  }, async (request) => getPublicBatchTable(ctx, request.params.id));
};
