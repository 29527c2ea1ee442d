import { Select } from 'antd';
import { useApi } from '../api/use-api';
import type { Inspection, Page } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { errorMessage } from './ErrorAlert';

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  placeholder: string;
  id?: string;
  style?: React.CSSProperties;
}

/** Choose one of the inspections related to the reader (GET /api/inspections). */
export function InspectionSelect({ value, onChange, placeholder, id, style }: Props) {
  const { t } = useI18n();
  const list = useApi<Page<Inspection>>('/api/inspections', { pageSize: 200 });
  return (
    <Select<number>
      id={id}
      aria-label={placeholder}
      placeholder={placeholder}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={list.loading}
      notFoundContent={list.error ? errorMessage(list.error, t) : undefined}
      options={(list.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
      style={{ width: '100%', ...style }}
    />
  );
}
