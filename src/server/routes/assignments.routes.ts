/**
 * Writing the ledger's assignments: assign a share (or split one down), edit it at a version, cite documents, read
 * its history. Reading lists and details lives in ledger.routes.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { createAssignment, updateAssignmentFields } from '../../services/assignments.js';
import { linkAssignmentDocument, listAssignmentDocuments, unlinkAssignmentDocument } from '../../services/assignment-documents.js';
import { getAssignmentHistory } from '../../services/audit.js';
import { accessOf } from '../access.js';
import { AssignmentSchema, presentAssignment } from '../assignment-schemas.js';
import { AuditPageQuery, AuditPageSchema, presentAuditPage } from '../audit-schemas.js';
import { COMMON_ERRORS, DateString, IdParams, PageQuery, TextFilter, Version, WRITE_ERRORS, pageOf } from '../schemas.js';

const DEADLINE_KIND = z.enum(['immediate', 'by_date', 'long_term', 'unknown']);
const Person = z.string().trim().max(100).nullable();
const DocumentSchema = z.object({ id: z.number(), title: z.string().nullable(), number: z.string().nullable(), issuer: z.string().nullable(), issuedDate: z.string().nullable() });

export const assignmentRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/assignments', {
    schema: {
      tags: ['assignments'], summary: 'Assign a task\'s share to a unit, or split a share (parentId) to a unit below it',
      body: z.object({
        taskId: z.number().int().positive(), orgUnitId: z.number().int().positive(), parentId: z.number().int().positive().nullable().optional(),
        responsiblePerson: Person.optional(), deadlineKind: DEADLINE_KIND.optional(), deadlineDate: DateString.nullable().optional(),
      }),
      response: { 201: AssignmentSchema, ...WRITE_ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(presentAssignment(await createAssignment(ctx, accessOf(request, 'writeLedger'), request.body))));

  app.patch('/api/assignments/:id', {
    schema: {
      tags: ['assignments'], summary: 'Set the responsible person (the unit\'s administrators) or the deadline (the assigner\'s) at the version last read',
      params: IdParams,
      body: z.object({ version: Version, responsiblePerson: Person.optional(), deadlineKind: DEADLINE_KIND.optional(), deadlineDate: DateString.nullable().optional() })
        .refine((b) => b.responsiblePerson !== undefined || b.deadlineKind !== undefined || b.deadlineDate !== undefined, { message: '没有要修改的内容', path: ['responsiblePerson'] }),
      response: { 200: AssignmentSchema, ...WRITE_ERRORS },
    },
  }, async (request) => presentAssignment(await updateAssignmentFields(ctx, accessOf(request, 'writeLedger'), request.params.id, request.body)));

  app.get('/api/assignments/:id/documents', {
    schema: {
      tags: ['assignments'], summary: 'Documents the assignment cites',
      params: IdParams, querystring: PageQuery.extend({ q: TextFilter, sort: z.enum(['id', 'title', 'number']).default('id') }),
      response: { 200: pageOf(DocumentSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { rows, total } = await listAssignmentDocuments(ctx, accessOf(request, 'read'), request.params.id, request.query);
    return { items: rows, total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.post('/api/assignments/:id/documents', {
    schema: {
      tags: ['assignments'], summary: 'Cite a document (《title》 and/or 文号); an existing document with that number is reused',
      params: IdParams, body: z.object({ title: z.string().trim().max(300).nullable().optional(), number: z.string().trim().max(100).nullable().optional() }),
      response: { 201: DocumentSchema, ...WRITE_ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await linkAssignmentDocument(ctx, accessOf(request, 'writeLedger'), request.params.id, request.body)));

  app.delete('/api/assignments/:id/documents/:documentId', {
    schema: {
      tags: ['assignments'], summary: 'Stop citing a document (the document itself stays for other assignments)',
      params: IdParams.extend({ documentId: z.coerce.number().int().positive() }), response: { 204: z.null(), ...WRITE_ERRORS },
    },
  }, async (request, reply) => {
    await unlinkAssignmentDocument(ctx, accessOf(request, 'writeLedger'), request.params.id, request.params.documentId);
    return reply.status(204).send(null);
  });

  app.get('/api/assignments/:id/history', {
    schema: {
      tags: ['assignments'], summary: 'Who changed what on this assignment, newest first, paged by id',
      params: IdParams, querystring: AuditPageQuery, response: { 200: AuditPageSchema, ...COMMON_ERRORS },
    },
  }, async (request) => {
    const events = await getAssignmentHistory(ctx, accessOf(request, 'read'), request.params.id, request.query);
    return presentAuditPage(events, request.query.limit);
  });
};
