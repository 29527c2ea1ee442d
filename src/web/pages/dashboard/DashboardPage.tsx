/** The overview: figures by status and warning, charts by category, unit and over time, and what needs attention. */
import { Card, Col, Empty, Flex, Row, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { Dashboard } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { SummaryCards } from './SummaryCards';
import { CategoryChart } from './CategoryChart';
import { OrgChart } from './OrgChart';
import { CompletionChart } from './CompletionChart';
import { AttentionList } from './AttentionList';
import { AsOfNotice, AsOfPicker, pastDay } from '../../components/AsOfPicker';

export default function DashboardPage() {
  const { t, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const orgUnitId = Number(params.get('orgUnitId')) || undefined;
  // A past day (from the URL, so the view can be shared): the figures as they stood at its end.
  const asOf = pastDay(params.get('asOf'));
  const { data, error, loading, reload } = useApi<Dashboard>('/api/dashboard', { orgUnitId, asOf });
  const go = (next: { orgUnitId?: number; asOf?: string }) => setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])));

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (loading || !data) return <PageLoading />;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} className="page-title">{t('dashboard.title')}</Typography.Title>
        <Flex gap={8} wrap>
          <AsOfPicker value={asOf} onChange={(d) => go({ orgUnitId, asOf: d })} />
          <OrgTreeSelect value={orgUnitId} onChange={(v) => go({ orgUnitId: v, asOf })} placeholder={t('dashboard.allUnits')} style={{ width: 240 }} />
        </Flex>
      </Flex>
      {asOf
        ? <AsOfNotice date={asOf} onLeave={() => go({ orgUnitId })} />
        : <Typography.Paragraph type="secondary">{t('dashboard.asOf', { date: formatDate(data.asOf) })}</Typography.Paragraph>}
      {data.total === 0 ? (
        <Empty description={t('dashboard.empty')} />
      ) : (
        <>
          <SummaryCards data={data} orgUnitId={orgUnitId} asOf={asOf} />
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={12}><Card title={t('dashboard.byOrg')}><OrgChart data={data} asOf={asOf} /></Card></Col>
            <Col xs={24} xl={12}><Card title={t('dashboard.byCategory')}><CategoryChart data={data} orgUnitId={orgUnitId} asOf={asOf} /></Card></Col>
            <Col xs={24} xl={12}><Card title={t('dashboard.completions')}><CompletionChart data={data} orgUnitId={orgUnitId} asOf={asOf} /></Card></Col>
            <Col xs={24} xl={12}><AttentionList data={data} orgUnitId={orgUnitId} asOf={asOf} /></Col>
          </Row>
        </>
      )}
    </>
  );
}
