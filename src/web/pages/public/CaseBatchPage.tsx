/** A published results table of one handover batch (转办和边督边改公开情况一览表), open to everyone. */
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import type { PublicBatch } from './CaseBatchList';

interface Row { seq: number; caseNo: string; region: string; content: string; pollutionType: string | null; verified: string | null; handling: string | null; state: string; accountability: string | null }

export default function CaseBatchPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const { batchId } = useParams();
  const { data, error, reload } = useApi<{ batch: PublicBatch; rows: Row[] }>(`/api/public/case-batches/${encodeURIComponent(batchId ?? '')}`);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const { batch, rows } = data;
  // The table carries states as published (in Chinese); count them as written.
  const byState = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.state]: (acc[r.state] ?? 0) + 1 }), {});
  return (
    <>
      <Typography.Paragraph><Link to="/">{t('nav.public')}</Link></Typography.Paragraph>
      <Typography.Title level={2} className="page-title">{t('publicCases.batch', { org: batch.orgUnitName, no: batch.batchNo })}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {batch.inspectionName} · {t('publicCases.handedOver', { date: formatDate(batch.handedOverAt) })} · {t('report.publishedAt', { date: formatDate(batch.publishedAt) })}
      </Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('cases.total')} value={rows.length} formatter={(v) => formatNumber(Number(v))} /></Card></Col>
        {Object.entries(byState).map(([state, n]) => (
          <Col key={state} xs={12} md={4}><Card size="small"><Statistic title={state} value={n} formatter={(v) => formatNumber(Number(v))} /></Card></Col>
        ))}
      </Row>
      <Card>
        <Table<Row> rowKey="seq" size="small" dataSource={rows} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 1100 }}
          columns={[
            { title: t('publicCases.seq'), key: 'seq', width: 60, render: (_, r) => r.seq },
            { title: t('cases.caseNo'), key: 'no', width: 170, render: (_, r) => r.caseNo },
            { title: t('cases.region'), key: 'region', width: 140, render: (_, r) => r.region },
            { title: t('cases.content'), key: 'content', render: (_, r) => r.content },
            { title: t('cases.type'), key: 'type', width: 80, render: (_, r) => r.pollutionType ?? '' },
            { title: t('cases.verified'), key: 'verified', width: 90, render: (_, r) => r.verified ?? '' },
            { title: t('cases.handling'), key: 'handling', render: (_, r) => r.handling ?? '' },
            { title: t('cases.state'), key: 'state', width: 100, render: (_, r) => r.state },
            { title: t('publicCases.accountability'), key: 'acc', width: 140, render: (_, r) => r.accountability ?? '' },
          ]} />
      </Card>
    </>
  );
}
