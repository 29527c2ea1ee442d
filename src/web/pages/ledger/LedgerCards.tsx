/**
 * The ledger on a phone: one card per assignment (序号 and task number, the problem linked to the task, the unit,
 * status, warning with its reason written out — there is no hover on a phone — and the deadline), paged like the table.
 */
import { Card, Empty, Flex, Pagination, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import type { LedgerRow } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { StatusTag } from '../../components/StatusTag';
import { WarningBadge } from '../../components/WarningBadge';
import { DeadlineText } from '../../components/DeadlineText';
import { warningReasonText } from '../../components/reasonText';

export interface LedgerCardsProps {
  rows: readonly LedgerRow[];
  loading: boolean;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number, pageSize: number) => void;
}

export function LedgerCards({ rows, loading, page, pageSize, total, onPage }: LedgerCardsProps) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const offset = (page - 1) * pageSize;
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={10} className="ledger-cards" data-testid="ledger-cards">
        {rows.length === 0 && !loading && <Empty description={t('ledger.empty')} />}
        {rows.map((r, i) => (
          <Card key={r.id} size="small" data-testid="ledger-card">
            <Flex justify="space-between" align="baseline" gap={8}>
              <Typography.Text type="secondary">{t('layout.seqShort', { n: offset + i + 1 })} · {t('task.codeLabel', { code: r.taskCode })}</Typography.Text>
              <Typography.Text type="secondary" style={{ textAlign: 'right' }}>{r.orgUnitName}</Typography.Text>
            </Flex>
            <Link to={`/tasks/${r.id}`} className="clamp-2" style={{ fontWeight: 500, margin: '4px 0' }}>{r.problem}</Link>
            <Flex wrap gap={8} align="center">
              <StatusTag status={r.scheduleStatus} />
              <WarningBadge color={r.warning} />
              <span>{t('layout.labelled', { label: t('ledger.col.deadline') })}<DeadlineText kind={r.deadlineKind} date={r.deadlineDate} /></span>
            </Flex>
            {warningReasonText(i18n, r) && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>{warningReasonText(i18n, r)}</Typography.Paragraph>}
          </Card>
        ))}
        {total > 0 && (
          <Pagination align="center" size="small" current={page} pageSize={pageSize} total={total} showSizeChanger={false}
            showTotal={(n) => t('ledger.total', { n: formatNumber(n) })} onChange={onPage} />
        )}
      </Flex>
    </Spin>
  );
}
