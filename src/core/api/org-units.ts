/** An org unit (单位) as the API answers it. */
import { z } from 'zod';
import { ORG_KINDS } from '../org.js';

export const OrgUnitSchema = z.object({
  id: z.number(), parentId: z.number().nullable(), code: z.string(), name: z.string(), kind: z.enum(ORG_KINDS), sortOrder: z.number(), version: z.number(),
});
export type OrgUnitView = z.infer<typeof OrgUnitSchema>;

/** A unit with its materialized path (`/1/4/9/`): the task page tells by it what the reader manages. */
export const OrgUnitWithPathSchema = OrgUnitSchema.extend({ path: z.string() });
/** The domain's org unit, as the repository maps it from its row. */
export type OrgUnit = z.infer<typeof OrgUnitWithPathSchema>;

export type OrgTreeOut = OrgUnitView & { children: OrgTreeOut[] };
export const OrgTreeNodeSchema: z.ZodType<OrgTreeOut> = OrgUnitSchema.extend({ children: z.array(z.lazy(() => OrgTreeNodeSchema)) });
