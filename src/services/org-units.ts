/**
 * The org tree as administrators manage it: an administrator of a unit manages that unit's subtree (create children,
 * rename, recode, reorder), never its parent or siblings. Moving units between parents is not offered: paths of
 * everything below would change, and memberships and history would silently change meaning.
 */
import type { AppContext } from './context.js';
import { AppError } from '../core/errors.js';
import { allowedChildKinds, ORG_KIND_LABELS, type OrgKind } from '../core/org.js';
import { outermostPaths } from '../core/scope.js';
import { appendAuditEvent } from '../db/audit.repository.js';
import { findOrgUnitByCode, findOrgUnitPage, getOrgUnitById, insertOrgUnit, listOrgUnits, updateOrgUnit, type OrgUnitFilter } from '../db/org-units.repository.js';
import type { OrgUnit } from '../core/api/org-units.js';
import { assertAt, pathsFor, type Access } from './access.js';

const notFound = (id: number) => new AppError('ORG_UNIT_NOT_FOUND', `找不到编号为 ${id} 的单位`);

/** A unit the reader may see; out of scope answers like absent. */
export async function getOrgUnitInScope(ctx: AppContext, access: Access, id: number): Promise<OrgUnit> {
  const unit = await getOrgUnitById(ctx.db, id);
  assertAt(access, 'read', unit.path, notFound(id));
  return unit;
}

export interface OrgTreeNode extends OrgUnit { children: OrgTreeNode[] }

/** The reader's subtrees as nested nodes, children in their sort order. */
export async function getOrgTree(ctx: AppContext, access: Access): Promise<OrgTreeNode[]> {
  const paths = pathsFor(access, 'read');
  const nodes = new Map<number, OrgTreeNode>();
  const out: OrgTreeNode[] = [];
  for (const root of outermostPaths(paths)) {
    for (const unit of await listOrgUnits(ctx.db, root)) nodes.set(unit.id, { ...unit, children: [] });
  }
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : out).push(node);
  }
  const order = (list: OrgTreeNode[]) => {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    for (const n of list) order(n.children);
  };
  order(out);
  return out;
}

export async function listOrgUnitPage(ctx: AppContext, access: Access, filter: Omit<OrgUnitFilter, 'scopePaths'>) {
  return findOrgUnitPage(ctx.db, { ...filter, scopePaths: pathsFor(access, 'read') });
}

export interface NewOrgUnit { parentId: number; code: string; name: string; kind: OrgKind; sortOrder?: number }

export async function createOrgUnit(ctx: AppContext, access: Access, input: NewOrgUnit): Promise<OrgUnit> {
  return ctx.db.transaction().execute(async (tx) => {
    const parent = await getOrgUnitById(tx, input.parentId);
    assertAt(access, 'manageOrg', parent.path, notFound(input.parentId));
    if (!allowedChildKinds(parent.kind).includes(input.kind)) {
      throw new AppError('VALIDATION_FAILED', `${ORG_KIND_LABELS[parent.kind]}级单位“${parent.name}”下不能设${ORG_KIND_LABELS[input.kind]}级单位`, [{ field: 'kind', message: '层级不符' }]);
    }
    if (await findOrgUnitByCode(tx, input.code)) throw new AppError('ALREADY_EXISTS', `单位代码 ${input.code} 已被使用`, [{ field: 'code' }]);
    const unit = await insertOrgUnit(tx, input);
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'org_unit.create', entityType: 'org_unit', entityId: unit.id, orgUnitId: unit.id,
      after: { parentId: unit.parentId, code: unit.code, name: unit.name, kind: unit.kind },
    });
    return unit;
  });
}

export interface OrgUnitPatch { version: number; name?: string; code?: string; sortOrder?: number }

export async function updateOrgUnitFields(ctx: AppContext, access: Access, id: number, patch: OrgUnitPatch): Promise<OrgUnit> {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await getOrgUnitById(tx, id);
    assertAt(access, 'manageOrg', before.path, notFound(id));
    if (patch.code && patch.code !== before.code && (await findOrgUnitByCode(tx, patch.code))) {
      throw new AppError('ALREADY_EXISTS', `单位代码 ${patch.code} 已被使用`, [{ field: 'code' }]);
    }
    const after = await updateOrgUnit(tx, id, patch.version, { name: patch.name, code: patch.code, sortOrder: patch.sortOrder });
    await appendAuditEvent(tx, ctx.dialect, access.actor, {
      action: 'org_unit.update', entityType: 'org_unit', entityId: id, orgUnitId: id,
      before: { name: before.name, code: before.code, sortOrder: before.sortOrder },
      after: { name: after.name, code: after.code, sortOrder: after.sortOrder },
    });
    return after;
  });
}
