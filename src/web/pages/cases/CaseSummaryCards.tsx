/**
 * Case figures (GET /api/cases/summary): total, by state, overdue, key, repeat, listed, each opening the filtered
 * ledger; then the cases in a leader's charge (领导包案) and the people held accountable (问责) by measure.
 */
import { Card, Col, Flex, Row, Statistic, Tag } from 'antd';
import { Link } from 'react-router';
import { CASE_STATES } from '../../../core/case-state';
import { ACCOUNTABILITY_MEASURES } from '../../../core/supervision';
import { withQuery } from '../../api/client';
import type { CaseSummary } from '../../api/case-types';
import { useI18n } from '../../i18n/i18n';
import { caseStateLabel } from '../../components/labels';
import type { CaseFilter } from './case-filter';

export function CaseSummaryCards({ summary, base }: { summary: CaseSummary; base: CaseFilter }) {
  const { t, formatNumber } = useI18n();
  const figures: { key: string; title: string; value: number; filter: CaseFilter; color?: string }[] = [
    { key: 'total', title: t('cases.total'), value: summary.total, filter: base },
    ...CASE_STATES.filter((s) => (summary.byState[s] ?? 0) > 0 || s === 'handling' || s === 'done')
      .map((s) => ({ key: s, title: caseStateLabel(t, s), value: summary.byState[s] ?? 0, filter: { ...base, state: [s] } })),
    { key: 'overdue', title: t('cases.flag.overdue'), value: summary.overdue, filter: { ...base, overdue: 'true' as const }, color: summary.overdue ? '#d9363e' : undefined },
    { key: 'key', title: t('cases.flag.key'), value: summary.key, filter: { ...base, key: 'true' as const } },
    { key: 'repeat', title: t('cases.flag.repeat'), value: summary.repeat, filter: { ...base, repeat: 'true' as const } },
    { key: 'listed', title: t('cases.flag.listed'), value: summary.listed, filter: { ...base, listed: 'true' as const } },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {figures.map((f) => (
        <Col key={f.key} xs={12} sm={8} md={6} lg={3}>
          <Link to={withQuery('/cases', f.filter)} aria-label={t('dashboard.openLedger', { what: f.title, n: f.value })} data-testid={`case-figure-${f.key}`}>
            <Card size="small" className="stat-click">
              <Statistic title={f.title} value={f.value} formatter={(v) => formatNumber(Number(v))} styles={{ content: f.color ? { color: f.color } : undefined }} />
            </Card>
          </Link>
        </Col>
      ))}
      <Col xs={12} sm={8} md={6} lg={3}>
        <Card size="small" data-testid="case-figure-leaders">
          <Statistic title={t('supervision.leaderCharged')} value={summary.leaderCharged} formatter={(v) => formatNumber(Number(v))} />
        </Card>
      </Col>
      <Col xs={24} sm={16} md={12} lg={6}>
        <Card size="small" data-testid="case-figure-accountability">
          <Statistic title={t('supervision.accountabilityCard')} value={summary.accountability.total} formatter={(v) => t('supervision.accountabilityCount', { n: formatNumber(Number(v)) })} />
          {summary.accountability.total > 0 && (
            <Flex wrap gap={4} style={{ marginTop: 4 }}>
              {ACCOUNTABILITY_MEASURES.filter((m) => summary.accountability.byMeasure[m] > 0).map((m) => (
                <Tag key={m}>{t(`supervision.measure.${m}`)} {formatNumber(summary.accountability.byMeasure[m])}</Tag>
              ))}
            </Flex>
          )}
        </Card>
      </Col>
    </Row>
  );
}
