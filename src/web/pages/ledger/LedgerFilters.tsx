/** The ledger's filter bar: search, a past day to view, unit subtree, status, warning, category, deadline range. Every change goes to the URL. */
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import { SCHEDULE_STATUSES, type ScheduleStatus, type WarningColor } from '../../../core/schedule';
import type { Dashboard } from '../../api/types';
import { useApi } from '../../api/use-api';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { InspectionSelect } from '../../components/InspectionSelect';
import { useI18n } from '../../i18n/i18n';
import { scheduleLabel, warningLabel } from '../../components/labels';
import type { LedgerFilter } from '../../components/ledger-filter';
import { fromDay } from '../../components/form-support';
import { AsOfPicker } from '../../components/AsOfPicker';

interface Props {
  filter: LedgerFilter;
  onChange: (patch: Partial<LedgerFilter>) => void;
  onReset: () => void;
}

export function LedgerFilters({ filter, onChange, onReset }: Props) {
  const { t } = useI18n();
  // Categories in the reader's scope, as the dashboard counts them.
  const dashboard = useApi<Dashboard>('/api/dashboard');
  const categories = dashboard.data?.byCategory.map((c) => c.category) ?? [];
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null = filter.deadlineFrom || filter.deadlineTo
    ? [fromDay(filter.deadlineFrom), fromDay(filter.deadlineTo)]
    : null;

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} role="search" aria-label={t('ledger.filters')}>
      <Input.Search
        key={filter.q ?? ''}
        defaultValue={filter.q}
        placeholder={t('ledger.searchPlaceholder')}
        aria-label={t('ledger.search')}
        allowClear
        enterButton
        onSearch={(q) => onChange({ q: q.trim() || undefined })}
        style={{ width: 280 }}
      />
      <AsOfPicker value={filter.asOf} onChange={(d) => onChange({ asOf: d })} />
      <OrgTreeSelect value={filter.orgUnitId} onChange={(v) => onChange({ orgUnitId: v })} placeholder={t('ledger.filter.org')} style={{ width: 200 }} />
      <InspectionSelect value={filter.inspectionId} onChange={(v) => onChange({ inspectionId: v })} placeholder={t('ledger.filter.inspection')} style={{ width: 220 }} />
      <Select<ScheduleStatus[]>
        mode="multiple"
        aria-label={t('ledger.filter.status')}
        placeholder={t('ledger.filter.status')}
        value={filter.status ?? []}
        onChange={(v) => onChange({ status: v.length ? v : undefined })}
        options={SCHEDULE_STATUSES.map((s) => ({ value: s, label: scheduleLabel(t, s) }))}
        maxTagCount="responsive"
        allowClear
        style={{ width: 220 }}
      />
      <Select<WarningColor[]>
        mode="multiple"
        aria-label={t('ledger.filter.warning')}
        placeholder={t('ledger.filter.warning')}
        value={filter.warning ?? []}
        onChange={(v) => onChange({ warning: v.length ? v : undefined })}
        options={(['red', 'yellow', 'green'] as const).map((w) => ({ value: w, label: warningLabel(t, w) }))}
        allowClear
        style={{ width: 170 }}
      />
      <Select<string>
        aria-label={t('ledger.filter.category')}
        placeholder={t('ledger.filter.category')}
        value={filter.category}
        onChange={(v) => onChange({ category: v || undefined })}
        options={categories.map((c) => ({ value: c, label: c }))}
        allowClear
        style={{ width: 150 }}
      />
      <DatePicker.RangePicker
        aria-label={t('ledger.filter.deadline')}
        placeholder={[t('ledger.filter.deadlineFrom'), t('ledger.filter.deadlineTo')]}
        value={range}
        allowEmpty={[true, true]}
        onChange={(v) => onChange({ deadlineFrom: v?.[0]?.format('YYYY-MM-DD'), deadlineTo: v?.[1]?.format('YYYY-MM-DD') })}
      />
      <Button icon={<ClearOutlined />} onClick={onReset}>{t('ledger.reset')}</Button>
    </Flex>
  );
}
