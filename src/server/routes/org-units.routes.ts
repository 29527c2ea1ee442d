/** The org tree: read within scope; administrators create children and edit units of their own subtree. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { ORG_KINDS } from '../../core/org.js';
import type { OrgUnit } from '../../core/api/org-units.js';
import { createOrgUnit, getOrgTree, getOrgUnitInScope, listOrgUnitPage, updateOrgUnitFields, type OrgTreeNode } from '../../services/org-units.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, IdParams, PageQuery, TextFilter, Version, WRITE_ERRORS, pageOf } from '../schemas.js';

const OrgUnitSchema = z.object({
  id: z.number(), parentId: z.number().nullable(), code: z.string(), name: z.string(), kind: z.enum(ORG_KINDS), sortOrder: z.number(), version: z.number(),
});
type TreeOut = z.infer<typeof OrgUnitSchema> & { children: TreeOut[] };
const TreeNodeSchema: z.ZodType<TreeOut> = OrgUnitSchema.extend({ children: z.array(z.lazy(() => TreeNodeSchema)) });

const present = (u: OrgUnit) => ({ id: u.id, parentId: u.parentId, code: u.code, name: u.name, kind: u.kind, sortOrder: u.sortOrder, version: u.version });
const presentTree = (n: OrgTreeNode): TreeOut => ({ ...present(n), children: n.children.map(presentTree) });

const Name = z.string().trim().min(1).max(100);
const Code = z.string().trim().min(1).max(50).regex(/^[\w.-]+$/, '代码只能包含字母、数字和 . _ -');

export const orgUnitRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/org-units/tree', {
    schema: { tags: ['org units'], summary: 'The reader\'s org subtrees, nested', response: { 200: z.object({ items: z.array(TreeNodeSchema) }), ...COMMON_ERRORS } },
  }, async (request) => ({ items: (await getOrgTree(ctx, accessOf(request, 'read'))).map(presentTree) }));

  app.get('/api/org-units', {
    schema: {
      tags: ['org units'], summary: 'Units in scope, flat: filter by parent, kind, name or code',
      querystring: PageQuery.extend({
        parentId: z.coerce.number().int().positive().optional(), kind: z.enum(ORG_KINDS).optional(), q: TextFilter,
        sort: z.enum(['path', 'name', 'code', 'sortOrder']).default('path'),
      }),
      response: { 200: pageOf(OrgUnitSchema), ...COMMON_ERRORS },
    },
  }, async (request) => {
    const { rows, total } = await listOrgUnitPage(ctx, accessOf(request, 'read'), request.query);
    return { items: rows.map(present), total, page: request.query.page, pageSize: request.query.pageSize };
  });

  app.get('/api/org-units/:id', {
    schema: { tags: ['org units'], summary: 'One unit in scope', params: IdParams, response: { 200: OrgUnitSchema, ...COMMON_ERRORS } },
  }, async (request) => present(await getOrgUnitInScope(ctx, accessOf(request, 'read'), request.params.id)));

  app.post('/api/org-units', {
    schema: {
      tags: ['org units'], summary: 'Create a unit under a parent the administrator manages',
      body: z.object({ parentId: z.number().int().positive(), code: Code, name: Name, kind: z.enum(ORG_KINDS), sortOrder: z.number().int().min(0).max(100_000).optional() }),
      response: { 201: OrgUnitSchema, ...WRITE_ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(present(await createOrgUnit(ctx, accessOf(request, 'manageOrg'), request.body))));

  app.patch('/api/org-units/:id', {
    schema: {
      tags: ['org units'], summary: 'Rename, recode or reorder a unit (at the version last read; 409 with the current state when stale)',
      params: IdParams, body: z.object({ version: Version, name: Name.optional(), code: Code.optional(), sortOrder: z.number().int().min(0).max(100_000).optional() }),
      response: { 200: OrgUnitSchema, ...WRITE_ERRORS },
    },
  }, async (request) => present(await updateOrgUnitFields(ctx, accessOf(request, 'manageOrg'), request.params.id, request.body)));
};
