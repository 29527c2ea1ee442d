/**
 * Evidence files: upload to an assignment (multipart, streamed with a size cap, type read from the content), list an
 * assignment's files, download one. Downloads are attachments with nosniff; images and PDF may be shown inline for
 * preview on request. A file outside the reader's scope answers 404 like a missing one.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { contentDisposition } from '../../core/file-names.js';
import type { EvidenceWithScope } from '../../db/evidence.repository.js';
import { getEvidenceForDownload, isInlineSafe, listAssignmentEvidence, listVersionsOf, replaceEvidence, uploadAssignmentEvidence, withdrawEvidence } from '../../services/evidence.js';
import { accessOf } from '../access.js';
import { MAX_UPLOAD_BYTES, readSingleUpload } from '../uploads.js';
import { COMMON_ERRORS, ErrorResponse, IdParams, PageQuery, TextFilter, WRITE_ERRORS, pageOf } from '../schemas.js';

const EvidenceSchema = z.object({
  id: z.number(), originalName: z.string(), mediaType: z.string(), size: z.number(), sha256: z.string(), ownerType: z.string(),
  ownerId: z.number(), uploadedAt: z.string(), downloadUrl: z.string(),
});
const present = (e: EvidenceWithScope) => ({
  id: e.id, originalName: e.originalName, mediaType: e.mediaType, size: e.size, sha256: e.sha256, ownerType: e.ownerType,
  ownerId: e.ownerId, uploadedAt: e.uploadedAt, downloadUrl: `/api/evidence/${e.id}`,
});
// Read when routes register, not at import: app.ts imports this module (through routes/index.ts) before it defines the limit.
const limitMb = () => MAX_UPLOAD_BYTES / 1024 / 1024;

export const evidenceRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/assignments/:id/evidence', {
    schema: {
      tags: ['evidence'], consumes: ['multipart/form-data'],
      summary: `Upload one evidence file (multipart field "file", at most ${limitMb()} MB): PDF, PNG/JPEG/GIF/WebP, DOCX/XLSX, DOC/XLS, TXT/CSV (UTF-8 or GB18030), MP4`,
      params: IdParams, response: { 201: EvidenceSchema, ...WRITE_ERRORS, 413: ErrorResponse, 415: ErrorResponse },
    },
  }, async (request, reply) => {
    const access = accessOf(request, 'writeProgress');
    const { name, data } = await readSingleUpload(request, '证明材料');
    const evidence = await uploadAssignmentEvidence(ctx, access, request.params.id, { name, data });
    return reply.status(201).send(present(evidence));
  });

  app.get('/api/assignments/:id/evidence', {
    schema: {
      tags: ['evidence'], summary: 'Evidence of the assignment and of its progress reports',
      params: IdParams,
      querystring: PageQuery.extend({ q: TextFilter, mediaType: z.string().max(80).optional(), sort: z.enum(['uploadedAt', 'name', 'size']).default('uploadedAt'), order: z.enum(['asc', 'desc']).default('desc') }),
      response: { 200: pageOf(EvidenceSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { rows, total } = await listAssignmentEvidence(ctx, accessOf(request, 'read'), request.params.id, request.query);
    return { items: rows.map(present), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/evidence/:id', {
    schema: {
      tags: ['evidence'], summary: 'Download an evidence file (attachment; ?inline=1 shows images and PDF in the browser)',
      params: IdParams, querystring: z.object({ inline: z.enum(['0', '1']).optional() }),
      response: { 200: z.unknown().describe('The file\'s bytes, with its media type'), ...COMMON_ERRORS },
    },
  }, async (request, reply) => {
    const e = await getEvidenceForDownload(ctx, accessOf(request, 'read'), request.params.id);
    const inline = request.query.inline === '1' && isInlineSafe(e.mediaType);
    return reply
      .header('content-type', e.mediaType)
      .header('content-length', e.size)
      .header('content-disposition', contentDisposition(e.originalName, inline ? 'inline' : 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(ctx.files.openStream(e.sha256));
  });

  const VersionsSchema = z.object({
    versions: z.array(z.object({
      id: z.number(), version: z.number(), name: z.string(), sha256: z.string(), size: z.number(), uploadedAt: z.string(), uploadedBy: z.string().nullable(),
      replacesId: z.number().nullable(), withdrawnAt: z.string().nullable(), withdrawnBy: z.string().nullable(), withdrawReason: z.string().nullable(),
      current: z.boolean(), pinnedBy: z.array(z.number()).describe('closures whose dossier pinned this version'),
    })),
  });
  app.get('/api/evidence/:id/versions', {
    schema: { tags: ['evidence'], summary: 'Every version of a file (who, when, hash, size, withdrawal) and the closures that pinned each', params: IdParams, response: { 200: VersionsSchema, ...COMMON_ERRORS } },
  }, async (request) => listVersionsOf(ctx, accessOf(request, 'read'), request.params.id));

  app.post('/api/evidence/:id/versions', {
    schema: {
      tags: ['evidence'], consumes: ['multipart/form-data'], summary: 'Replace a task\'s file with a new version (multipart field "file"); every version is kept',
      params: IdParams, response: { 201: EvidenceSchema, ...WRITE_ERRORS, 413: ErrorResponse, 415: ErrorResponse },
    },
  }, async (request, reply) => {
    const access = accessOf(request, 'writeProgress');
    const { name, data } = await readSingleUpload(request, '证明材料');
    return reply.status(201).send(present(await replaceEvidence(ctx, access, request.params.id, { name, data })));
  });

  app.post('/api/evidence/:id/withdraw', {
    schema: {
      tags: ['evidence'], summary: 'Withdraw a task\'s file softly, with the reason (it stays on record and downloadable by id)',
      params: IdParams, body: z.object({ reason: z.string().trim().min(2, '请写明撤回理由').max(1000) }), response: { 200: VersionsSchema, ...WRITE_ERRORS },
    },
  }, async (request) => withdrawEvidence(ctx, accessOf(request, 'writeProgress'), request.params.id, request.body.reason));
};
