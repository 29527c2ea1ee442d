/**
 * What the public reads without signing in: only published reports, and the newest checkpoint of the audit chain
 * (sequence number and head hash), an anchor anyone can note down and hold the administrators to.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { findLatestVersion, getPublishedReportContent, listPublishedReportGroups, type PublishedReportRecord } from '../../db/imports.repository.js';
import { AppError } from '../../core/errors.js';
import { ParsedReportSchema } from '../../core/report.js';
import { STATUS_CODES } from '../../core/status.js';
import { readLatestCheckpoint } from '../../storage/audit-checkpoints.js';

const RecordSchema = z.object({
  id: z.number(), orgUnitName: z.string(), inspectionName: z.string(), title: z.string(), asOf: z.string().nullable(), publishedAt: z.string(),
  /** 1, 2, … within the report: a report is a unit's on one inspection, published again as work goes on */
  version: z.number(),
});
const GroupSchema = RecordSchema.extend({ earlier: z.array(RecordSchema) });

const present = ({ id, orgUnitName, inspectionName, title, asOf, publishedAt, version }: PublishedReportRecord) => ({ id, orgUnitName, inspectionName, title, asOf, publishedAt, version });

export const publicRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/public/reports', {
    schema: { tags: ['public'], summary: 'Published progress reports, each once (its newest version) with its earlier versions under it, newest first', response: { 200: z.object({ items: z.array(GroupSchema) }) } },
  }, async () => {
    const groups = await listPublishedReportGroups(ctx.db);
    return { items: groups.map((g) => ({ ...present(g), earlier: g.earlier.map(present) })) };
  });

  app.get('/api/public/reports/:id', {
    schema: {
      tags: ['public'], summary: 'One published version as a document, with its summary by status and the newest version of the same report',
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 200: z.object({ report: RecordSchema, content: ParsedReportSchema, byStatus: z.record(z.string(), z.number()), latest: RecordSchema }) },
    },
  }, async (request) => {
    const found = await getPublishedReportContent(ctx.db, request.params.id);
    if (!found) throw new AppError('REPORT_NOT_FOUND', '没有这份已公开的报告');
    const content = ParsedReportSchema.parse(found.content);
    const byStatus: Record<string, number> = Object.fromEntries(STATUS_CODES.map((c) => [c, 0]));
    for (const t of content.tasks) {
      const key = t.statusCode ?? 'unknown';
      byStatus[key] = (byStatus[key] ?? 0) + 1;
    }
    // The newest version of the same report, so a reader of an earlier one is told there is a later one.
    const newest = await findLatestVersion(ctx.db, found.record.orgUnitId, found.record.inspectionId);
    const latest = newest && newest.id !== found.record.id ? (await getPublishedReportContent(ctx.db, newest.id))?.record ?? found.record : found.record;
    return { report: present(found.record), content, byStatus, latest: present(latest) };
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
