/** The headline figures: total, red/yellow/green, due soon, and each schedule status; every card opens its ledger rows. */
import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import type { ScheduleStatus } from '../../../core/schedule';
import type { Dashboard } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { scheduleLabel, warningLabel } from '../../components/labels';
import { addDays, ledgerHref, OPEN_STATUSES, type LedgerFilter } from '../../components/ledger-filter';

const WARNING_COLORS = { red: '#d9363e', yellow: '#d48806', green: '#2f9e44' } as const;
/** Always shown, even at zero: the statuses a leader asks about first. */
const KEY_STATUSES: ScheduleStatus[] = ['overdue', 'behind_schedule', 'on_schedule', 'completed', 'closed'];
const STATUS_ORDER: ScheduleStatus[] = ['overdue', 'behind_schedule', 'not_started', 'in_progress', 'on_schedule', 'ahead_of_schedule', 'completed', 'closed', 'unknown'];

function Figure({ title, value, filter, color, testId }: { title: string; value: number; filter: LedgerFilter; color?: string; testId?: string }) {
  const { formatNumber, t } = useI18n();
  return (
    <Link to={ledgerHref(filter)} aria-label={t('dashboard.openLedger', { what: title, n: value })} data-testid={testId}>
      <Card size="small" className="stat-click">
        <Statistic title={title} value={value} formatter={(v) => formatNumber(Number(v))} styles={{ content: color ? { color } : undefined }} />
      </Card>
    </Link>
  );
}

export function SummaryCards({ data, orgUnitId, asOf }: { data: Dashboard; orgUnitId?: number; asOf?: string }) {
  const { t } = useI18n();
  const base: LedgerFilter = { orgUnitId, asOf };
  const statuses = STATUS_ORDER.filter((s) => KEY_STATUSES.includes(s) || (data.byStatus[s] ?? 0) > 0);
  const dueSoon: LedgerFilter = { ...base, status: OPEN_STATUSES, deadlineFrom: data.asOf, deadlineTo: addDays(data.asOf, data.settings.yellowDueWithinDays) };
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} sm={8} md={4}><Figure title={t('dashboard.total')} value={data.total} filter={base} testId="figure-total" /></Col>
        {(['red', 'yellow', 'green'] as const).map((w) => (
          <Col key={w} xs={12} sm={8} md={5}>
            <Figure title={warningLabel(t, w)} value={data.byWarning[w] ?? 0} filter={{ ...base, warning: [w] }} color={WARNING_COLORS[w]} testId={`figure-warning-${w}`} />
          </Col>
        ))}
        <Col xs={24} sm={16} md={5}>
          <Figure title={t('dashboard.dueSoon', { days: data.settings.yellowDueWithinDays })} value={data.dueSoon} filter={dueSoon} testId="figure-due-soon" />
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        {statuses.map((s) => (
          <Col key={s} xs={12} sm={8} md={6} lg={4}>
            <Figure title={scheduleLabel(t, s)} value={data.byStatus[s] ?? 0} filter={{ ...base, status: [s] }} testId={`figure-status-${s}`} />
          </Col>
        ))}
      </Row>
    </>
  );
}
