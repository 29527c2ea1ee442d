/**
 * Plan tables in (整改方案 / 整改任务清单, XLSX/XLS/DOCX): preview what would be loaded (nothing written), then import
 * with the user's choices (unit mappings and creations, links to the higher plan's tasks) — all or nothing; and the
 * lower plans' tasks linked under a task.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { AppError } from '../../core/errors.js';
import { PlanImportChoicesSchema, PlanImportExpectSchema, type PlanImportChoices } from '../../core/plan-import.js';
import { assertMayImportPlan, importPlanFile, previewPlanFile } from '../../services/plans/plan-import-file.js';
import { getTaskLinks } from '../../services/plans/plan-links.js';
import { accessOf } from '../access.js';
import { IdParams } from '../schemas.js';
import { readSingleUpload } from '../uploads.js';

const id = z.coerce.number().int().positive();
/** The form fields beside the file (all text in a multipart form). */
const FieldsSchema = z.object({
  inspectionId: id,
  orgUnitId: id,
  /** "none": no higher plan; absent: as linked before, else the nearest higher unit's plan of the inspection. */
  parentPlanId: z.union([z.literal('none').transform(() => null), id]).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  /** JSON: { units: { 名称: { action: 'map', orgUnitId } | { action: 'create', parentId?, name? } | { action: 'ignore' } }, parents: { 任务序号: 上级任务id | null } } */
  choices: z.string().max(200_000).optional(),
  fileSha256: z.string().optional(),
  baseline: z.string().optional(),
});

function choicesOf(text: string | undefined): PlanImportChoices {
  if (!text) return { units: {}, parents: {} };
  let json: unknown;
  try { json = JSON.parse(text); } catch { throw new AppError('VALIDATION_FAILED', 'choices 须为 JSON（单位对应与上级任务的选择）', [{ field: 'choices', message: '不是 JSON' }]); }
  return PlanImportChoicesSchema.parse(json);
}

async function readUpload(request: FastifyRequest) {
  const { name, data, fields } = await readSingleUpload(request, '整改方案表格');
  const f = FieldsSchema.parse(fields);
  return { file: { name, data }, target: { inspectionId: f.inspectionId, orgUnitId: f.orgUnitId, parentPlanId: f.parentPlanId, title: f.title }, choices: choicesOf(f.choices), f };
}

export const planImportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/plans/import/preview', {
    schema: {
      tags: ['plans'], consumes: ['multipart/form-data'],
      summary: 'Read a plan table (fields: file, inspectionId, orgUnitId, parentPlanId?, title?, choices?) and show each task as read, unit matching, links and changes; writes nothing',
    },
  }, async (request) => {
    const access = accessOf(request, 'writeLedger');
    const { file, target, choices } = await readUpload(request);
    return previewPlanFile(ctx, access, target, file, choices);
  });

  app.post('/api/plans/import', {
    schema: {
      tags: ['plans'], consumes: ['multipart/form-data'],
      summary: 'Import a plan table as previewed (fields as the preview, plus fileSha256 and baseline from it): one transaction, refused if the file or plan changed or a unit name is undecided',
    },
  }, async (request, reply) => {
    const access = accessOf(request, 'writeLedger');
    const { file, target, choices, f } = await readUpload(request);
    await assertMayImportPlan(ctx, access, target);
    const expect = PlanImportExpectSchema.parse({ fileSha256: f.fileSha256, baseline: f.baseline });
    return reply.status(201).send(await importPlanFile(ctx, access, target, file, choices, expect));
  });

  app.get('/api/tasks/:id/links', {
    schema: { tags: ['tasks'], summary: 'The higher plan\'s task this one carries out, and the lower plans\' tasks carrying it out (in the reader\'s scope), rolled up', params: IdParams },
  }, async (request) => getTaskLinks(ctx, accessOf(request, 'read'), request.params.id));
};
