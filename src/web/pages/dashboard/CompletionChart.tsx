import { useMemo } from 'react';
import { Empty } from 'antd';
import { useNavigate } from 'react-router';
import type { Dashboard } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../components/charts/EChart';
import { ledgerHref } from '../../components/ledger-filter';

/** Completed assignments over time (cumulative, by month); a point opens the completed rows in the ledger. */
export function CompletionChart({ data, orgUnitId, asOf }: { data: Dashboard; orgUnitId?: number; asOf?: string }) {
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  const rows = data.completedByMonth;
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => formatDate(r.month)), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1, max: data.total || undefined },
    series: [{
      name: t('chart.cumulativeCompleted'), type: 'line', color: '#1f6f4a', areaStyle: { opacity: 0.15 }, symbolSize: 8,
      data: rows.map((r) => r.completed),
      markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#868e96' }, label: { formatter: t('chart.totalLine'), position: 'insideEndTop' }, data: [{ yAxis: data.total }] },
    }],
  }), [rows, data.total, t, formatDate]);
  // No completion yet: say so instead of an empty frame of axes.
  if (!rows.some((r) => r.completed > 0)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chart.noCompletions')} data-testid="completions-empty" />;
  return <EChart option={option} label={t('dashboard.completions')} onClick={() => void navigate(ledgerHref({ orgUnitId, asOf, status: ['completed', 'closed'] }))} />;
}
