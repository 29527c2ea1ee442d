/** The workbench (工作台): what waits on the signed-in person, by role, in one read. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { getWorkbench, TODO_KINDS } from '../../services/reporting/workbench.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS } from '../schemas.js';
import { ReasonSchema } from '../assignment-schemas.js';

const str = z.string();
const num = z.number();
const nstr = z.string().nullable();
const Closure = z.object({ closureId: num, subjectType: str, subjectId: num, subjectLabel: str, acceptingUnitName: str, state: str, noticeEnd: nstr, updatedAt: str });

/** The todo counts the workbench and the bell share. */
export const TodoCountsSchema = z.object({ total: num, byKind: z.object(Object.fromEntries(TODO_KINDS.map((k) => [k, num])) as Record<(typeof TODO_KINDS)[number], typeof num>) });

const WorkbenchSchema = z.object({
  asOf: str, dueSoonDays: num,
  roles: z.object({ reporter: z.boolean(), reviewer: z.boolean(), office: z.boolean(), leader: z.boolean() }),
  counts: TodoCountsSchema,
  roundsOwed: z.array(z.object({
    roundId: num, roundName: str, dueDate: str, daysLeft: num, isLate: z.boolean(),
    missing: z.array(z.object({ assignmentId: num, taskCode: str, problem: str, orgUnitName: str })),
  })),
  returnedReports: z.array(z.object({ reportId: num, assignmentId: num, roundId: num.nullable(), taskCode: str, orgUnitName: str, reason: nstr, reviewedAt: nstr, version: num })),
  closureSteps: z.array(z.object({ closureId: num, state: str, assignmentId: num, taskCode: str, orgUnitName: str, updatedAt: str })),
  casesDue: z.array(z.object({ id: num, caseNo: str, orgUnitName: str, state: str, dueDate: str })),
  reportsToReview: z.array(z.object({ reportId: num, assignmentId: num, roundId: num.nullable(), taskCode: str, orgUnitId: num, orgUnitName: str, submittedAt: nstr, statusText: nstr, version: num })),
  closureApplications: z.array(Closure),
  noticesEnding: z.array(Closure),
  objections: z.array(z.object({ objectionId: num, closureId: num, receivedAt: str, content: str })),
  unitsBehind: z.array(z.object({ roundId: num, roundName: str, dueDate: str, orgUnitId: num, orgUnitName: str, late: num })),
  roundStats: z.array(z.object({ roundId: num, roundName: str, dueDate: str, owed: num, reported: num, accepted: num, returned: num, missing: num, rate: num.nullable() })),
  redLights: z.object({ total: num, items: z.array(z.object({ assignmentId: num, taskCode: str, orgUnitName: str, reason: nstr, reasonCode: ReasonSchema.nullable(), deadlineDate: nstr })) }),
});

export const workbenchRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/workbench', {
    schema: {
      tags: ['workbench'], summary: 'The signed-in person\'s workbench: reports owed, returned reports, closure steps, cases due (reporters); reports and closures to decide, notices ending, objections (reviewers); units behind, red lights, each open round\'s return rate (office)',
      response: { 200: WorkbenchSchema, ...COMMON_ERRORS },
    },
  }, async (request) => getWorkbench(ctx, accessOf(request, 'read')));
};
