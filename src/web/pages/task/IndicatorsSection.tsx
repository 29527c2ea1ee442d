/** Indicators (指标): baseline, target and each reported value; a chart of the actual values against the target. */
import { useMemo } from 'react';
import { Card, Empty, Space, Typography } from 'antd';
import type { Indicator } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../components/charts/EChart';
import { useAuth } from '../../auth/auth';
import { DeletePart, IndicatorForm } from './actions/PartForms';

/** ≥ ≤ = as people write them. */
export const comparatorSign = (comparator: string) => ({ '>=': '≥', '<=': '≤' })[comparator] ?? comparator;

function IndicatorChart({ indicator: ind }: { indicator: Indicator }) {
  const { t, formatDate } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const points = [
      ...(ind.baseline !== null && ind.baselineDate ? [{ date: ind.baselineDate, value: ind.baseline }] : []),
      ...ind.values.map((v) => ({ date: v.asOf, value: v.value })),
    ];
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 24, bottom: 36, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => formatDate(p.date)), boundaryGap: false },
      // Keep the target line in view whichever side of the values it lies.
      yAxis: { type: 'value', name: ind.unit ?? '', scale: true, min: (v: { min: number }) => Math.min(v.min, ind.target), max: (v: { max: number }) => Math.max(v.max, ind.target) },
      series: [{
        name: t('indicator.actual'), type: 'line', color: '#1f6f4a', symbolSize: 8, data: points.map((p) => p.value),
        markLine: {
          symbol: 'none', lineStyle: { type: 'dashed', color: '#d9363e' },
          label: { formatter: `${t('indicator.target')} ${comparatorSign(ind.comparator)} ${ind.target}`, position: 'insideEndTop' }, data: [{ yAxis: ind.target }],
        },
      }],
    };
  }, [ind, t, formatDate]);
  return <EChart option={option} label={t('indicator.chartLabel', { name: ind.name })} height={240} />;
}

export function IndicatorsSection({ assignmentId, indicators, onChanged, locked = false }: { assignmentId: number; indicators: Indicator[]; onChanged: () => void; locked?: boolean }) {
  const { t, formatDate, formatNumber } = useI18n();
  const { can } = useAuth();
  const mayEdit = can('writeLedger') && !locked;
  const form = mayEdit && <IndicatorForm assignmentId={assignmentId} onAdded={onChanged} />;
  if (!indicators.length) return <><Empty description={t('task.noIndicators')} />{form}</>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      {indicators.map((ind) => {
        const latest = ind.values[ind.values.length - 1];
        return (
          <Card key={ind.id} size="small" title={ind.name} extra={mayEdit && <DeletePart kind="indicators" id={ind.id} version={ind.version} onDeleted={onChanged} />}>
            <Typography.Paragraph type="secondary">
              {ind.baseline !== null && <>{t('indicator.baseline')}：{formatNumber(ind.baseline)}{ind.unit ?? ''}{ind.baselineDate ? `（${formatDate(ind.baselineDate)}）` : ''}；</>}
              {t('indicator.target')}：{comparatorSign(ind.comparator)} {formatNumber(ind.target)}{ind.unit ?? ''}{ind.targetDate ? `（${formatDate(ind.targetDate)}）` : ''}
              {latest && <>；{t('indicator.latest')}：{formatNumber(latest.value)}{ind.unit ?? ''}（{formatDate(latest.asOf)}）</>}
            </Typography.Paragraph>
            {ind.values.length > 0 ? <IndicatorChart indicator={ind} /> : <Typography.Text type="secondary">{t('indicator.noValues')}</Typography.Text>}
          </Card>
        );
      })}
      {form}
    </Space>
  );
}
