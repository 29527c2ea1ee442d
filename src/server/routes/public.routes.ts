/**
 * What the public reads without signing in: only published reports, and the newest checkpoint of the audit chain
 * (sequence number and head hash), an anchor anyone can note down and hold the administrators to.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { listPublicReports, readPublicReport } from '../../services/public-reports.js';
import { PublishedReportGroupSchema, PublishedReportSchema } from '../../core/api/public-reports.js';
import { presentPublishedRecord as present } from '../presenters/public-reports.js';
import { readLatestCheckpoint } from '../../storage/audit-checkpoints.js';

export const publicRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/public/reports', {
    schema: { tags: ['public'], summary: 'Published progress reports, each once (its newest version) with its earlier versions under it, newest first', response: { 200: z.object({ items: z.array(PublishedReportGroupSchema) }) } },
  }, async () => {
    const groups = await listPublicReports(ctx);
    return { items: groups.map((g) => ({ ...present(g), earlier: g.earlier.map(present) })) };
  });

  app.get('/api/public/reports/:id', {
    schema: {
      tags: ['public'], summary: 'One published version as a document, with its summary by status and the newest version of the same report',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 200: PublishedReportSchema },
    },
  }, async (request) => {
    const { record, content, byStatus, latest } = await readPublicReport(ctx, request.params.id);
    return { report: present(record), content, byStatus, latest: present(latest) };
  });

  app.get('/api/public/audit-checkpoint', {
    schema: {
      tags: ['public'], summary: 'The newest checkpoint of the audit chain: sequence number, head hash and when it was taken (null before the first)',
      response: { 200: z.object({ checkpoint: z.object({ seq: z.number(), hash: z.string(), at: z.string() }).nullable() }) },
    },
  }, async () => {
    const latest = await readLatestCheckpoint(ctx.config.audit.checkpointDir);
    return { checkpoint: latest ? { seq: latest.seq, hash: latest.hash, at: latest.at } : null };
  });
};
