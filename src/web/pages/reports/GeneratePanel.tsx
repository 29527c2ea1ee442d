/**
 * Generating the public report and the task ledger from the ledger: choose unit, inspection and date; preview with
 * the pre-publication checks; download DOCX/PDF/Markdown/text or the XLSX ledger; compare with an earlier date;
 * publish to the public page.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Divider, Form, Row, Space } from 'antd';
import { DownloadOutlined, EyeOutlined, SendOutlined, DiffOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type dayjs from 'dayjs';
import { api, withQuery, type QueryValue } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InspectionSelect } from '../../components/InspectionSelect';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { ChecksList } from './ChecksList';
import { DiffView, type ReportDiff } from './DiffView';
import { PublishDialog, type PublishPreview } from './PublishDialog';

const FORMATS = ['docx', 'pdf', 'md', 'txt', 'xlsx'] as const;

export function GeneratePanel() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [orgUnitId, setOrgUnitId] = useState<number | undefined>();
  const [inspectionId, setInspectionId] = useState<number | undefined>();
  const [asOf, setAsOf] = useState<dayjs.Dayjs | null>(null);
  const [since, setSince] = useState<dayjs.Dayjs | null>(null);
  const [withSummary, setWithSummary] = useState(false);
  const [linkedNumbers, setLinkedNumbers] = useState(false);
  const [preview, setPreview] = useState<(PublishPreview & { html: string }) | null>(null);
  const [diff, setDiff] = useState<ReportDiff | null>(null);
  const [published, setPublished] = useState<{ id: number; version: number } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const query: Record<string, QueryValue> = { orgUnitId, inspectionId, asOf: asOf?.format('YYYY-MM-DD'), withSummary: withSummary ? 'true' : undefined, linkedNumbers: linkedNumbers ? 'true' : undefined };
  const run = (what: string, job: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    job().catch(setError).finally(() => setBusy(null));
  };
  const showPreview = () => run('preview', async () => {
    setPreview(await api.get<PublishPreview & { html: string }>('/api/reports/preview', query));
    setPublished(null);
  });
  const showDiff = () => run('diff', async () => setDiff(await api.get<ReportDiff>('/api/reports/diff', { ...query, since: since?.format('YYYY-MM-DD') })));
  const publish = (confirmReason: string | undefined) => run('publish', async () => {
    const res = await api.post<{ id: number; version: number }>('/api/reports/publish', { orgUnitId, inspectionId, asOf: asOf?.format('YYYY-MM-DD'), linkedNumbers: linkedNumbers || undefined, confirmReason });
    setPublishing(false);
    setPublished(res);
    // The preview now says this content is the latest version: publishing it again is refused before the click.
    setPreview((p) => p && { ...p, published: { id: res.id, version: res.version, asOf: p.report.asOf, publishedAt: new Date().toISOString(), unchanged: true } });
  });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Form layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item label={t('generate.org')} htmlFor="gen-org" required>
              <OrgTreeSelect id="gen-org" value={orgUnitId} onChange={(v) => { setOrgUnitId(v); setPreview(null); setDiff(null); }} placeholder={t('generate.orgPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('generate.inspection')} htmlFor="gen-inspection" extra={t('generate.inspectionHint')}>
              <InspectionSelect id="gen-inspection" value={inspectionId} onChange={(v) => { setInspectionId(v); setPreview(null); }} placeholder={t('generate.inspection')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('generate.asOf')} htmlFor="gen-asof" extra={t('generate.asOfHint')}>
              <DatePicker id="gen-asof" value={asOf} onChange={(v) => { setAsOf(v); setPreview(null); }} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Checkbox checked={withSummary} onChange={(e) => setWithSummary(e.target.checked)}>{t('generate.withSummary')}</Checkbox>
        <Checkbox checked={linkedNumbers} onChange={(e) => { setLinkedNumbers(e.target.checked); setPreview(null); }}>{t('generate.linkedNumbers')}</Checkbox>
      </Form>
      <Space wrap>
        <Button type="primary" icon={<EyeOutlined />} disabled={!orgUnitId} loading={busy === 'preview'} onClick={showPreview}>{t('generate.preview')}</Button>
        {FORMATS.map((f) => (
          <Button key={f} icon={<DownloadOutlined />} disabled={!orgUnitId} href={orgUnitId ? withQuery('/api/reports/export', { ...query, format: f }) : undefined} download>
            {t(`generate.format.${f}`)}
          </Button>
        ))}
        {can('publish') && (
          <Button icon={<SendOutlined />} disabled={!preview} title={preview?.published?.unchanged ? t('publish.unchangedShort') : undefined} onClick={() => setPublishing(true)}>{t('generate.publish')}</Button>
        )}
      </Space>
      {error !== null && !publishing && <ErrorAlert error={error} />}
      {publishing && preview && (
        <PublishDialog preview={preview} busy={busy === 'publish'} error={error} onPublish={publish} onCancel={() => { setPublishing(false); setError(null); }} />
      )}
      {published !== null && (
        <Alert type="success" showIcon title={t('publish.published', { version: published.version })} action={<Link to={`/public/${published.id}`}>{t('generate.openPublished')}</Link>} />
      )}
      {preview && (
        <>
          <ChecksList checks={preview.checks} />
          <Card title={t('generate.previewTitle')} styles={{ body: { padding: 0 } }}>
            {/* The rendering comes from our API, shown sandboxed: no scripts, no same-origin access. */}
            <iframe title={t('generate.previewTitle')} srcDoc={preview.html} sandbox="" style={{ width: '100%', height: '70vh', border: 0 }} />
          </Card>
        </>
      )}
      <Divider titlePlacement="start">{t('generate.diffTitle')}</Divider>
      <Space wrap>
        <DatePicker aria-label={t('generate.since')} placeholder={t('generate.since')} value={since} onChange={setSince} />
        <Button icon={<DiffOutlined />} disabled={!orgUnitId || !since} loading={busy === 'diff'} onClick={showDiff}>{t('generate.diff')}</Button>
      </Space>
      {diff && <DiffView diff={diff} />}
    </Space>
  );
}
