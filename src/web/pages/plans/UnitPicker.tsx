/**
 * Choose units from part of the org tree: the subtrees the user administers (where an inspection or plan may belong),
 * or the units under one unit (where a task may be split to). Units that may not be chosen stay visible, greyed.
 */
import { TreeSelect } from 'antd';
import type { OrgTreeNode } from '../../api/org-tree';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../components/ErrorAlert';
import type { OrgScope } from './org-scope';

interface UnitOption { value: number; title: string; disabled?: boolean; children: UnitOption[] }

/** The tree under `roots`, with `disabled` units greyed out. */
function unitOptions(roots: OrgTreeNode[], disabled: (n: OrgTreeNode) => boolean = () => false): UnitOption[] {
  return roots.map((n) => ({ value: n.id, title: n.name, disabled: disabled(n), children: unitOptions(n.children, disabled) }));
}

interface Common {
  scope: OrgScope;
  /** The subtrees offered; the user's administered subtrees when absent. */
  roots?: OrgTreeNode[];
  disabled?: (n: OrgTreeNode) => boolean;
  placeholder: string;
  id?: string;
  disabledAll?: boolean;
}

export function UnitPicker({ scope, roots, disabled, placeholder, id, disabledAll, value, onChange }: Common & { value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useI18n();
  return (
    <TreeSelect<number>
      id={id}
      aria-label={placeholder}
      placeholder={placeholder}
      treeData={unitOptions(roots ?? scope.managedRoots, disabled)}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      loading={scope.loading}
      disabled={disabledAll}
      notFoundContent={scope.error ? errorMessage(scope.error, t) : undefined}
      style={{ width: '100%' }}
    />
  );
}

export function UnitsPicker({ scope, roots, disabled, placeholder, id, value, onChange }: Common & { value?: number[]; onChange?: (v: number[]) => void }) {
  const { t } = useI18n();
  return (
    <TreeSelect<number[]>
      id={id}
      aria-label={placeholder}
      placeholder={placeholder}
      treeData={unitOptions(roots ?? scope.managedRoots, disabled)}
      value={value}
      onChange={(v) => onChange?.(v ?? [])}
      multiple
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      loading={scope.loading}
      notFoundContent={scope.error ? errorMessage(scope.error, t) : undefined}
      style={{ width: '100%' }}
    />
  );
}
