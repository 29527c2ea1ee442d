import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { WarningColor } from '../../../core/schedule';
import type { Dashboard } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../components/charts/EChart';
import { ledgerHref, type LedgerFilter } from '../../components/ledger-filter';

/** Each unit's assignments: completed, on track, yellow, red; a bar segment opens those rows of that unit. */
export function OrgChart({ data, asOf }: { data: Dashboard; asOf?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const rows = data.byOrg;
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.orgName), inverse: true },
    series: [
      { name: t('chart.completed'), type: 'bar', stack: 'all', barMaxWidth: 28, color: '#2f9e44', data: rows.map((r) => r.completed) },
      { name: t('chart.onTrack'), type: 'bar', stack: 'all', barMaxWidth: 28, color: '#4263eb', data: rows.map((r) => Math.max(0, r.total - r.completed - r.red - r.yellow)) },
      { name: t('warning.yellow'), type: 'bar', stack: 'all', barMaxWidth: 28, color: '#e6a700', data: rows.map((r) => r.yellow) },
      { name: t('warning.red'), type: 'bar', stack: 'all', barMaxWidth: 28, color: '#d9363e', data: rows.map((r) => r.red) },
    ],
  }), [rows, t]);
  // Series 0 and 1 are the unit's green rows (done or on track); 2 and 3 its warnings.
  const byWarning: (WarningColor | undefined)[] = [undefined, undefined, 'yellow', 'red'];
  return (
    <EChart
      option={option}
      label={t('dashboard.byOrg')}
      height={Math.max(220, rows.length * 36 + 80)}
      onClick={(e) => {
        const row = rows[e.dataIndex];
        if (!row) return;
        const w = byWarning[e.seriesIndex ?? 0];
        const filter: LedgerFilter = { orgUnitId: row.orgUnitId, asOf, warning: w ? [w] : undefined, status: e.seriesIndex === 0 ? ['completed', 'closed'] : undefined };
        void navigate(ledgerHref(filter));
      }}
    />
  );
}
