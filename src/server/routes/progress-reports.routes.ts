/** Progress reports: submit for an assignment, read, correct/resubmit, accept or return with a reason, the review queue. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import type { ProgressReport } from '../../db/progress-reports.repository.js';
import { AcceptReportSchema, ResubmitReportSchema, ReturnReportSchema, SubmitReportSchema } from '../../core/reporting-inputs.js';
import { submitProgressReport, resubmitProgressReport } from '../../services/reporting/submit-report.js';
import { acceptProgressReport, returnProgressReport } from '../../services/reporting/review-report.js';
import { getProgressReportView, listReviewQueue } from '../../services/reporting/read-reports.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, IdParams, WRITE_ERRORS } from '../schemas.js';

const ReportSchema = z.object({
  id: z.number(), assignmentId: z.number(), roundId: z.number().nullable(), periodLabel: z.string().nullable(), asOf: z.string(),
  progress: z.string().nullable(), problems: z.string().nullable(), nextSteps: z.string().nullable(), statusText: z.string().nullable(),
  statusCode: z.string().nullable(), state: z.string(), source: z.string(), submittedBy: z.number().nullable(), submittedAt: z.string().nullable(),
  reviewedBy: z.number().nullable(), reviewedAt: z.string().nullable(), reviewComment: z.string().nullable(), evidenceIds: z.array(z.number()),
  claims: z.object({
    milestones: z.array(z.object({ milestoneId: z.number(), doneDate: z.string(), previous: z.string().nullable() })),
    indicators: z.array(z.object({ indicatorId: z.number(), value: z.number() })),
  }),
  version: z.number(),
});
const present = (r: ProgressReport) => ({
  id: r.id, assignmentId: r.assignmentId, roundId: r.roundId, periodLabel: r.periodLabel, asOf: r.asOf, progress: r.progress, problems: r.problems,
  nextSteps: r.nextSteps, statusText: r.statusText, statusCode: r.statusCode, state: r.state, source: r.source, submittedBy: r.submittedBy,
  submittedAt: r.submittedAt, reviewedBy: r.reviewedBy, reviewedAt: r.reviewedAt, reviewComment: r.reviewComment, evidenceIds: r.evidenceIds,
  claims: r.claims, version: r.version,
});
const QueueItem = z.object({
  reportId: z.number(), assignmentId: z.number(), roundId: z.number().nullable(), taskCode: z.string(), orgUnitId: z.number(), orgUnitName: z.string(),
  submittedAt: z.string().nullable(), statusText: z.string().nullable(), version: z.number(),
});

export const progressReportRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.post('/api/assignments/:id/progress-reports', {
    schema: {
      tags: ['progress'], summary: 'Submit a progress report (进展/存在问题/下步安排, status as written, indicator values, milestones done, evidence ids), in a round or on its own',
      params: IdParams, body: SubmitReportSchema, response: { 201: ReportSchema, ...WRITE_ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(present(await submitProgressReport(ctx, accessOf(request, 'writeProgress'), request.params.id, request.body))));

  app.get('/api/progress-reports', {
    schema: {
      tags: ['progress'], summary: 'Reports awaiting the reader\'s review (reviewers and administrators), oldest first',
      querystring: z.object({ roundId: z.coerce.number().int().positive().optional() }), response: { 200: z.object({ items: z.array(QueueItem) }), ...COMMON_ERRORS },
    },
  }, async (request) => ({ items: await listReviewQueue(ctx, accessOf(request, 'review'), request.query) }));

  app.get('/api/progress-reports/:id', {
    schema: { tags: ['progress'], summary: 'One progress report with what it declared', params: IdParams, response: { 200: ReportSchema, ...COMMON_ERRORS } },
  }, async (request) => present(await getProgressReportView(ctx, accessOf(request, 'read'), request.params.id)));

  app.put('/api/progress-reports/:id', {
    schema: {
      tags: ['progress'], summary: 'Correct a report before review, or resubmit a returned one, at the version last read (409 when stale)',
      params: IdParams, body: ResubmitReportSchema, response: { 200: ReportSchema, ...WRITE_ERRORS },
    },
  }, async (request) => present(await resubmitProgressReport(ctx, accessOf(request, 'writeProgress'), request.params.id, request.body)));

  app.post('/api/progress-reports/:id/accept', {
    schema: { tags: ['progress'], summary: 'Accept a submitted report: it becomes the assignment\'s status and progress', params: IdParams, body: AcceptReportSchema, response: { 200: ReportSchema, ...WRITE_ERRORS } },
  }, async (request) => present(await acceptProgressReport(ctx, accessOf(request, 'review'), request.params.id, request.body)));

  app.post('/api/progress-reports/:id/return', {
    schema: { tags: ['progress'], summary: 'Return a submitted report to the reporter with a reason (its milestone and indicator claims are taken back)', params: IdParams, body: ReturnReportSchema, response: { 200: ReportSchema, ...WRITE_ERRORS } },
  }, async (request) => present(await returnProgressReport(ctx, accessOf(request, 'review'), request.params.id, request.body)));
};
