import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { Dashboard } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../components/charts/EChart';
import { ledgerHref } from '../../components/ledger-filter';

/** Tasks by category, completed and open stacked; a bar opens that category in the ledger. */
export function CategoryChart({ data, orgUnitId, asOf }: { data: Dashboard; orgUnitId?: number; asOf?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const rows = data.byCategory;
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.category), inverse: true },
    series: [
      { name: t('chart.completed'), type: 'bar', stack: 'all', barMaxWidth: 28, color: '#2f9e44', data: rows.map((r) => r.completed) },
      { name: t('chart.open'), type: 'bar', stack: 'all', barMaxWidth: 28, color: '#4263eb', data: rows.map((r) => r.total - r.completed) },
    ],
  }), [rows, t]);
  return (
    <EChart
      option={option}
      label={t('dashboard.byCategory')}
      height={Math.max(220, rows.length * 36 + 80)}
      onClick={(e) => {
        const row = rows[e.dataIndex];
        if (row) void navigate(ledgerHref({ orgUnitId, asOf, category: row.category }));
      }}
    />
  );
}
