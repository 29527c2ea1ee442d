import { TreeSelect } from 'antd';
import { useOrgTree } from '../api/org-tree';
import { useI18n } from '../i18n/i18n';
import { errorMessage } from './ErrorAlert';

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  placeholder: string;
  id?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
}

/** Choose one unit of the reader's org subtrees (GET /api/org-units/tree), searchable by name. */
export function OrgTreeSelect({ value, onChange, placeholder, id, allowClear = true, style }: Props) {
  const { t } = useI18n();
  const orgs = useOrgTree();
  return (
    <TreeSelect<number>
      id={id}
      aria-label={placeholder}
      placeholder={placeholder}
      treeData={orgs.options}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      loading={orgs.loading}
      notFoundContent={orgs.error ? errorMessage(orgs.error, t) : undefined}
      style={{ width: '100%', ...style }}
    />
  );
}
