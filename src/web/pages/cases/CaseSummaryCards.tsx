/** Case figures (GET /api/cases/summary): total, by state, overdue, key, repeat, listed; each opens the filtered ledger. */
import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { CASE_STATES } from '../../../core/case-state';
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
    </Row>
  );
}
