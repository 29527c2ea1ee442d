/**
 * Where the signed-in user may write the ledger: the units under their administrator roles, read from their org
 * subtrees (GET /api/org-units/tree). The API decides every write again; this only keeps buttons the API would
 * refuse off the screen (an administrator of 抚顺市 reads the province's plan but may not edit it).
 */
import { useMemo } from 'react';
import { PERMISSIONS, type Role } from '../../../core/roles';
import { useOrgTree, type OrgTreeNode } from '../../api/org-tree';
import type { Principal } from '../../api/types';
import { useAuth } from '../../auth/auth';

export interface OrgScope {
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** The reader's subtrees, as the API nests them. */
  roots: OrgTreeNode[];
  /** A unit of the reader's subtrees by id. */
  node: (id: number) => OrgTreeNode | undefined;
  /** The unit's place in the org tree read top-down in its own order (units outside the tree last), for sorting. */
  rank: (id: number) => number;
  /** The unit's name, or undefined when it is outside the reader's subtrees (an ancestor, say). */
  name: (id: number | null | undefined) => string | undefined;
  /** True when the user administers the unit (a writeLedger role at it or above). null: a unit-less record, which
   * only administrators of a whole tree (a top-level unit) manage. */
  manages: (id: number | null | undefined) => boolean;
  /** The highest units the user administers: what a new inspection or plan may belong to. */
  managedRoots: OrgTreeNode[];
}

/** Ids of the units where the principal holds a role that writes the ledger. */
function writerUnitIds(principal: Principal | null | undefined): Set<number> {
  const roles: readonly Role[] = PERMISSIONS.writeLedger;
  return new Set((principal?.memberships ?? []).filter((m) => (roles as readonly string[]).includes(m.role)).map((m) => m.orgUnitId));
}

/** True when a unit with this materialized path (`/1/4/9/`, ids root first) is administered by the principal. */
export function managesPath(principal: Principal | null | undefined, path: string): boolean {
  const ids = writerUnitIds(principal);
  return path.split('/').filter(Boolean).some((id) => ids.has(Number(id)));
}

interface Indexed { node: OrgTreeNode; ancestors: number[]; rank: number }

function buildScope(roots: OrgTreeNode[], writers: Set<number>) {
  const index = new Map<number, Indexed>();
  const managedRoots: OrgTreeNode[] = [];
  const walk = (nodes: OrgTreeNode[], above: number[], managedAbove: boolean) => nodes.forEach((n) => {
    const ancestors = [...above, n.id];
    index.set(n.id, { node: n, ancestors, rank: index.size });
    const here = writers.has(n.id);
    if (here && !managedAbove) managedRoots.push(n);
    walk(n.children, ancestors, managedAbove || here);
  });
  walk(roots, [], false);
  const manages = (id: number | null | undefined): boolean => {
    if (id === undefined) return false;
    if (id === null) return managedRoots.some((n) => n.parentId === null);
    return index.get(id)?.ancestors.some((a) => writers.has(a)) ?? false;
  };
  return { index, managedRoots, manages };
}

export function useOrgScope(): OrgScope {
  const { principal } = useAuth();
  const tree = useOrgTree();
  const items = tree.data?.items;
  const writers = useMemo(() => writerUnitIds(principal), [principal]);
  const built = useMemo(() => buildScope(items ?? [], writers), [items, writers]);
  return {
    loading: tree.loading,
    error: tree.error,
    reload: tree.reload,
    roots: items ?? [],
    node: (id) => built.index.get(id)?.node,
    rank: (id) => built.index.get(id)?.rank ?? Number.MAX_SAFE_INTEGER,
    name: (id) => (id === null || id === undefined ? undefined : built.index.get(id)?.node.name),
    manages: built.manages,
    managedRoots: built.managedRoots,
  };
}
