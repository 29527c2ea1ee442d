/**
 * Tables of rows nested by parent (a task's shares, split from one another; inspections with their plans below): the
 * nesting, and rows that start open and stay folded where the user folded them, whatever a reload brings.
 */
import { useState } from 'react';

export type Nested<R> = R & { children?: Nested<R>[] };

/** Nests rows by parentId, keeping their order; a row whose parent is not among them becomes a root. */
export function nestByParent<R extends { id: number; parentId: number | null }>(rows: R[]): Nested<R>[] {
  const nodes = new Map<number, Nested<R>>(rows.map((r) => [r.id, { ...r }]));
  const roots: Nested<R>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** Rows that start open; the user may fold some. `expandable` gives a Table's open keys and handler for rows with these ids. */
export function useFoldedRows() {
  const [folded, setFolded] = useState<ReadonlySet<number>>(new Set());
  const setOpen = (id: number, open: boolean) => setFolded((f) => {
    const next = new Set(f);
    if (open) next.delete(id);
    else next.add(id);
    return next;
  });
  return {
    expandable: (ids: number[]) => ({
      expandedRowKeys: ids.filter((id) => !folded.has(id)),
      onExpand: (open: boolean, row: { id: number }) => setOpen(row.id, open),
    }),
    unfold: (id: number) => setOpen(id, true),
  };
}
