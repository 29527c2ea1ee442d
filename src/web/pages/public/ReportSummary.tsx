/** Tasks of the report by status: totals and one bar per status (plain antd, so the landing page carries no chart library). */
import { Card, Col, Progress, Row, Statistic } from 'antd';
import { STATUS_CODES } from '../../../core/status';
import { useI18n } from '../../i18n/i18n';
import { statusLabel } from '../../components/labels';

const DONE = new Set(['completed', 'closed']);
const COLORS: Record<string, string> = {
  completed: '#2f9e44', closed: '#7048e8', basically_completed: '#66a80f', on_schedule: '#1c7ed6', ahead_of_schedule: '#0c8599',
  behind_schedule: '#e8590c', in_progress: '#4263eb', long_term: '#5f3dc4', not_started: '#868e96', unknown: '#adb5bd',
};

export function ReportSummary({ byStatus }: { byStatus: Record<string, number> }) {
  const { t, formatNumber } = useI18n();
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const done = Object.entries(byStatus).filter(([k]) => DONE.has(k)).reduce((a, [, n]) => a + n, 0);
  const order = [...STATUS_CODES, 'unknown'];
  const rows = Object.entries(byStatus).filter(([, n]) => n > 0).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  return (
    <Card title={t('public.summary')} style={{ marginBottom: 24 }}>
      <Row gutter={16}>
        <Col span={12}><Statistic title={t('public.totalTasks')} value={total} formatter={(v) => formatNumber(Number(v))} /></Col>
        <Col span={12}><Statistic title={t('public.completedTasks')} value={done} formatter={(v) => formatNumber(Number(v))} /></Col>
      </Row>
      <ul aria-label={t('public.byStatus')} style={{ listStyle: 'none', padding: 0, margin: '16px 0 0' }}>
        {rows.map(([code, n]) => (
          <li key={code} style={{ marginBottom: 8 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between' }}>
              <span>{statusLabel(t, code)}</span>
              <span>{t('public.taskCount', { n: formatNumber(n) })}</span>
            </div>
            <Progress percent={total ? Math.round((n / total) * 100) : 0} strokeColor={COLORS[code]} size="small" aria-label={statusLabel(t, code)} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
