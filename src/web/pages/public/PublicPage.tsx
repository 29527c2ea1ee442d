/**
 * The landing page, open to everyone: a published progress report read as a document, its summary by status, and
 * the list of everything published. `/` shows the newest report, `/public/:reportId` a chosen one.
 */
import { Col, Empty, Row, Typography } from 'antd';
import { useParams } from 'react-router';
import { useApi } from '../../api/use-api';
import type { PublishedReport, PublishedReportGroup } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { ReportDocument } from './ReportDocument';
import { ReportSummary } from './ReportSummary';
import { ReportHistory } from './ReportHistory';
import { CaseBatchList } from './CaseBatchList';
import { AuditCheckpointNote } from './AuditCheckpointNote';

export function PublicPage() {
  const { t } = useI18n();
  const { reportId } = useParams();
  const list = useApi<{ items: PublishedReportGroup[] }>('/api/public/reports');
  const chosen = reportId ?? (list.data?.items[0] ? String(list.data.items[0].id) : null);
  const report = useApi<PublishedReport>(chosen ? `/api/public/reports/${encodeURIComponent(chosen)}` : null);

  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (list.loading && !list.data) return <PageLoading />;
  const items = list.data?.items ?? [];

  return (
    <>
      <Typography.Title level={2} className="page-title">{t('public.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('public.intro')}</Typography.Paragraph>
      {items.length === 0 ? (
        <>
          <Empty description={t('public.empty')} />
          <CaseBatchList />
        </>
      ) : (
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={16} xl={17}>
            {report.error ? <ErrorAlert error={report.error} onRetry={report.reload} /> : report.data ? <ReportDocument data={report.data} /> : <PageLoading />}
          </Col>
          <Col xs={24} lg={8} xl={7}>
            {report.data && <ReportSummary byStatus={report.data.byStatus} />}
            <ReportHistory items={items} currentId={report.data?.report.id ?? null} />
            <CaseBatchList />
          </Col>
        </Row>
      )}
      <AuditCheckpointNote />
    </>
  );
}
