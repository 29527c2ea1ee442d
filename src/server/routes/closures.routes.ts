/**
 * Acceptance and closure (验收销号) of assignments and cases: apply with the evidence dossier, accept or reject,
 * public notice, objections and answers, close, file, reopen after a relapse; read one procedure or a subject's history.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileDownload } from '../../core/api/common.js';
import type { AppContext } from '../../services/context.js';
import type { Closure } from '../../db/closures.repository.js';
import { CLOSURE_STATES } from '../../core/closure.js';
import {
  AnswerObjectionSchema, ApplyClosureSchema, ClosureReasonSchema, ClosureStepSchema, DecisionReasonSchema, DecisionSchema, RecordObjectionSchema, SampleSchema, StartNoticeSchema,
} from '../../core/closure-inputs.js';
import { sampleClosure, sendBackClosure } from '../../services/closure/sample.js';
import { applyForClosure } from '../../services/closure/apply.js';
import { acceptClosure, rejectClosure } from '../../services/closure/decide.js';
import { answerObjection, recordObjection, startNotice } from '../../services/closure/notice.js';
import { closeClosure, fileClosure, reopenClosure } from '../../services/closure/finish.js';
import { getApprovalForm, getClosureView, listClosuresToDecide, listSubjectClosures } from '../../services/closure/read.js';
import { accessOf } from '../access.js';
import { contentDisposition } from '../../core/file-names.js';
import { renderApprovalForm, renderApprovalFormPdf } from '../../export/approval-form.js';
import { COMMON_ERRORS, IdParams, WRITE_ERRORS } from '../schemas.js';

const ClosureSchema = z.object({
  id: z.number(), subjectType: z.string(), subjectId: z.number(), state: z.enum(CLOSURE_STATES), level: z.string(), acceptingOrgId: z.number().nullable(),
  noticeStart: z.string().nullable(), noticeEnd: z.string().nullable(), longTermMechanism: z.string().nullable(), reopenedFromId: z.number().nullable(),
  stages: z.array(z.object({ level: z.string(), orgUnitId: z.number() })), stageIndex: z.number(),
  createdAt: z.string(), updatedAt: z.string(), version: z.number(),
});
const present = (c: Closure) => ({
  id: c.id, subjectType: c.subjectType, subjectId: c.subjectId, state: c.state, level: c.level, acceptingOrgId: c.acceptingOrgId, noticeStart: c.noticeStart,
  noticeEnd: c.noticeEnd, longTermMechanism: c.longTermMechanism, reopenedFromId: c.reopenedFromId, stages: c.stages, stageIndex: c.stageIndex, createdAt: c.createdAt, updatedAt: c.updatedAt, version: c.version,
});
const Evidence = z.object({ id: z.number(), sha256: z.string(), name: z.string() });
const ViewSchema = z.object({
  closure: ClosureSchema,
  subject: z.object({ type: z.string(), id: z.number(), label: z.string(), orgUnitId: z.number(), isLongTerm: z.boolean() }),
  acceptingUnit: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  steps: z.array(z.object({ id: z.number(), step: z.string(), actorId: z.number().nullable(), actorName: z.string().nullable(), at: z.string(), decision: z.string().nullable(), comment: z.string().nullable(), evidence: z.array(Evidence) })),
  objections: z.array(z.object({ id: z.number(), receivedAt: z.string(), content: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable(), upheld: z.boolean().nullable() })),
  chain: z.array(z.object({
    key: z.string(), label: z.string(), unitName: z.string(), status: z.enum(['done', 'current', 'pending', 'returned']),
    actorName: z.string().nullable(), at: z.string().nullable(), opinion: z.string().nullable(), comment: z.string().nullable(), evidence: z.array(Evidence),
  })),
  reopenedBy: z.array(z.number()),
  mayDecide: z.boolean(),
  mayFile: z.boolean(),
  maySample: z.boolean(),
});
const ObjectionParams = z.object({ id: z.coerce.number().int().positive(), objectionId: z.coerce.number().int().positive() });
const step = <B extends z.ZodType>(summary: string, body: B) => ({ schema: { tags: ['closures'], summary, params: IdParams, body, response: { 200: ClosureSchema, ...WRITE_ERRORS } } });

export const closureRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/closures', {
    schema: { tags: ['closures'], summary: 'Apply for acceptance and closure (responsible unit), with the evidence dossier and, for long-term tasks, the lasting mechanism', body: ApplyClosureSchema, response: { 201: ClosureSchema, ...WRITE_ERRORS } },
  }, async (request, reply) => reply.status(201).send(present(await applyForClosure(ctx, accessOf(request, 'writeProgress'), request.body))));

  app.get('/api/closures', {
    schema: {
      tags: ['closures'], summary: 'A subject\'s procedures (subjectType and subjectId), or those the reader\'s unit accepts (optionally by state)',
      querystring: z.object({ subjectType: z.string().max(40).optional(), subjectId: z.coerce.number().int().positive().optional(), state: z.enum(CLOSURE_STATES).optional() }),
      response: { 200: z.object({ items: z.array(ClosureSchema.extend({ subjectLabel: z.string().optional(), acceptingUnitName: z.string().optional() })) }), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const access = accessOf(request, 'read');
    const { subjectType, subjectId, state } = request.query;
    if (subjectType && subjectId) return { items: (await listSubjectClosures(ctx, access, subjectType, subjectId)).map(present) };
    const items = await listClosuresToDecide(ctx, access, state ? [state] : undefined);
    return { items: items.map((c) => ({ ...present(c), subjectLabel: c.subjectLabel, acceptingUnitName: c.acceptingUnitName })) };
  });

  app.get('/api/closures/:id', {
    schema: { tags: ['closures'], summary: 'One procedure with its steps (who, when, decision, comment, evidence), objections and reopenings', params: IdParams, response: { 200: ViewSchema, ...COMMON_ERRORS } },
  }, async (request) => {
    const v = await getClosureView(ctx, accessOf(request, 'read'), request.params.id);
    return { ...v, closure: present(v.closure), objections: v.objections.map((o) => ({ id: o.id, receivedAt: o.receivedAt, content: o.content, answer: o.answer, answeredAt: o.answeredAt, upheld: o.upheld })) };
  });

  app.get('/api/closures/:id/approval.docx', {
    schema: { tags: ['closures'], summary: 'The 销号审批表 (DOCX): the content frozen at 销号 — task, measures, indicator values, evidence with hashes, every step\'s opinion', params: IdParams, response: { 200: FileDownload, ...COMMON_ERRORS } },
  }, async (request, reply) => {
    const { content } = await getApprovalForm(ctx, accessOf(request, 'read'), request.params.id);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', contentDisposition(`${content.subject.label}销号审批表.docx`))
      .send(await renderApprovalForm(content));
  });

  app.get('/api/closures/:id/approval.pdf', {
    schema: { tags: ['closures'], summary: 'The 销号审批表 as PDF (A4, the same rows as the DOCX)', params: IdParams, response: { 200: FileDownload, ...COMMON_ERRORS } },
  }, async (request, reply) => {
    const { content } = await getApprovalForm(ctx, accessOf(request, 'read'), request.params.id);
    return reply.header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition(`${content.subject.label}销号审批表.pdf`))
      .send(await renderApprovalFormPdf(content));
  });

  app.post('/api/closures/:id/accept', step('Accept at the current stage of the chain (reviewer or administrator of that stage\'s unit; not the applicant); the last stage makes it accepted', DecisionSchema),
    async (request) => present(await acceptClosure(ctx, accessOf(request, 'review'), request.params.id, request.body)));
  app.post('/api/closures/:id/reject', step('Reject back to rectification, with the reason (the current stage\'s unit)', DecisionReasonSchema),
    async (request) => present(await rejectClosure(ctx, accessOf(request, 'review'), request.params.id, request.body)));
  app.post('/api/closures/:id/notice', step('Start the public notice (公示) for the configured period', StartNoticeSchema),
    async (request) => present(await startNotice(ctx, accessOf(request, 'review'), request.params.id, request.body)));
  app.post('/api/closures/:id/objections', step('Record an objection (异议) received during the notice', RecordObjectionSchema),
    async (request) => present(await recordObjection(ctx, accessOf(request, 'review'), request.params.id, request.body)));
  app.post('/api/closures/:id/objections/:objectionId/answer', {
    schema: { tags: ['closures'], summary: 'Answer an objection; an upheld one returns the subject to rectification', params: ObjectionParams, body: AnswerObjectionSchema, response: { 200: ClosureSchema, ...WRITE_ERRORS } },
  }, async (request) => present(await answerObjection(ctx, accessOf(request, 'review'), request.params.id, request.params.objectionId, request.body)));
  app.post('/api/closures/:id/close', step('Close (销号) after the notice ended with no open objection', ClosureStepSchema),
    async (request) => present(await closeClosure(ctx, accessOf(request, 'review'), request.params.id, request.body)));
  app.post('/api/closures/:id/file', step('File (备案) the closure: taken by the level above the unit that closed it', ClosureStepSchema),
    async (request) => present(await fileClosure(ctx, accessOf(request, 'review'), request.params.id, request.body)));
  app.post('/api/closures/:id/reopen', step('Reopen a closed subject whose problem came back (反弹), as a new procedure linked to this one', ClosureReasonSchema),
    async (request) => present(await reopenClosure(ctx, accessOf(request, 'review'), request.params.id, request.body)));
  app.post('/api/closures/:id/sample', step('Record a sampling check (抽查) of an accepted closure by the level above, with its opinion', SampleSchema),
    async (request) => present(await sampleClosure(ctx, accessOf(request, 'review'), request.params.id, request.body)));
  app.post('/api/closures/:id/send-back', step('Send an accepted (or closed) closure back to rectification after a sampling check, with the reason (level above)', ClosureReasonSchema),
    async (request) => present(await sendBackClosure(ctx, accessOf(request, 'review'), request.params.id, request.body)));
};
