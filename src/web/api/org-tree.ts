/** The reader's org subtrees (GET /api/org-units/tree), shaped for antd's TreeSelect and for looking names up. */
import { useMemo } from 'react';
import type { OrgKind } from '../../core/org';
import { useApi } from './use-api';

export interface OrgTreeNode { id: number; parentId: number | null; code: string; name: string; kind: OrgKind; sortOrder: number; version: number; children: OrgTreeNode[] }
export interface OrgOption { value: number; title: string; children: OrgOption[] }

function toOptions(nodes: OrgTreeNode[]): OrgOption[] {
  return nodes.map((n) => ({ value: n.id, title: n.name, children: toOptions(n.children) }));
}

export function useOrgTree() {
  const state = useApi<{ items: OrgTreeNode[] }>('/api/org-units/tree');
  const items = state.data?.items;
  const { options, paths } = useMemo(() => {
    const paths = new Map<number, string>();
    const walk = (list: OrgTreeNode[], prefix: string) => list.forEach((n) => {
      paths.set(n.id, `${prefix}${n.name}`);
      walk(n.children, `${prefix}${n.name}/`);
    });
    walk(items ?? [], '');
    return { options: toOptions(items ?? []), paths };
  }, [items]);
  /** `paths`: id → "辽宁省/抚顺市" (the form the import API takes), from the reader's roots down. */
  return { ...state, options, paths };
}
