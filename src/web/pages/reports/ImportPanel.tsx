/**
 * Importing a published report: upload it, see what was recognized (with warnings) without writing anything, choose
 * the unit and date it speaks for, then commit (all or nothing) and see what changed in the ledger.
 */
import { useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Result, Row, Space, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type dayjs from 'dayjs';
import type { ParsedReport } from '../../../core/report';
import { api } from '../../api/client';
import { useOrgTree } from '../../api/org-tree';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { ParsedPreview } from './ParsedPreview';
import { correctionList, type Corrections, ImportReview } from './ImportReview';

export interface ImportSummary {
  importId: number; orgUnitId: number; inspectionId: number; fileName: string; org: string; inspection: string; asOf: string;
  created: number; updated: number; unchanged: number; warnings: { line: number | null; message: string }[];
}

const ACCEPT = '.txt,.md,.html,.htm,.docx,.doc,.pdf';

export function ImportPanel({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const canPublish = can('publish');
  const orgs = useOrgTree();
  const [file, setFile] = useState<File | null>(null);
  const [parsed, setParsed] = useState<ParsedReport | null>(null);
  const [orgUnitId, setOrgUnitId] = useState<number | undefined>();
  const [asOf, setAsOf] = useState<dayjs.Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ImportSummary | null>(null);
  // What a person corrected in the preview (being edited), and what the shown preview was read with.
  const [corrections, setCorrections] = useState<Corrections>({});
  const [applied, setApplied] = useState<Corrections>({});

  const form = (f: File, with_: Corrections = {}) => {
    const data = new FormData();
    const list = correctionList(with_);
    if (list.length) data.append('corrections', JSON.stringify(list));
    data.append('file', f, f.name);
    return data;
  };
  const run = (job: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    job().catch(setError).finally(() => setBusy(false));
  };
  const choose = (f: File) => {
    setFile(f);
    setParsed(null);
    setDone(null);
    setCorrections({});
    setApplied({});
    run(async () => setParsed(await api.upload<ParsedReport>('/api/imports/preview', form(f))));
    return false; // keep the file here; nothing is sent to antd's own uploader
  };
  const preview = (next: Corrections) => run(async () => {
    if (!file) return;
    setParsed(await api.upload<ParsedReport>('/api/imports/preview', form(file, next)));
    setApplied(next);
  });
  const clearCorrections = () => {
    setCorrections({});
    preview({});
  };
  const commit = () => run(async () => {
    if (!file) return;
    const data = new FormData();
    const org = orgUnitId !== undefined ? orgs.paths.get(orgUnitId) : undefined;
    if (org) data.append('org', org);
    if (asOf) data.append('asOf', asOf.format('YYYY-MM-DD'));
    // The import reads the file with the same corrections as the preview the person saw.
    const list = correctionList(applied);
    if (list.length) data.append('corrections', JSON.stringify(list));
    data.append('file', file, file.name);
    setDone(await api.upload<ImportSummary>('/api/imports', data));
    onImported();
  });
  const reset = () => {
    setFile(null);
    setParsed(null);
    setDone(null);
    setError(null);
    setCorrections({});
    setApplied({});
  };

  if (done) {
    return (
      <Result
        status="success"
        title={t('import.done', { file: done.fileName })}
        subTitle={<>{t('import.doneCounts', { org: done.org, created: done.created, updated: done.updated, unchanged: done.unchanged })}<br />{t('import.notPublished')}</>}
        extra={[
          <Link key="ledger" to="/ledger"><Button type="primary">{t('import.openLedger')}</Button></Link>,
          ...(canPublish ? [<Link key="generate" to="/reports?tab=generate"><Button>{t('import.toGenerate')}</Button></Link>] : []),
          <Button key="again" onClick={reset}>{t('import.another')}</Button>,
        ]}
      />
    );
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Upload.Dragger accept={ACCEPT} maxCount={1} showUploadList={false} beforeUpload={choose} disabled={busy}>
        <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
        <p className="ant-upload-text">{file ? file.name : t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.hint')}</p>
      </Upload.Dragger>
      {error !== null && <ErrorAlert error={error} />}
      {busy && !parsed && <Typography.Text type="secondary">{t('import.reading')}</Typography.Text>}
      {parsed && (
        <>
          <Alert type="info" showIcon title={t('import.previewNote')} description={t('import.notPublished')} />
          <ImportReview
            parsed={parsed}
            corrections={corrections}
            applied={correctionList(applied).length}
            busy={busy}
            onChange={setCorrections}
            onApply={() => preview(corrections)}
            onClear={clearCorrections}
          />
          <ParsedPreview parsed={parsed} />
          <Form layout="vertical">
            <Row gutter={16}>
              <Col xs={24} md={10}>
                <Form.Item label={t('import.org')} htmlFor="import-org" extra={t('import.orgHint', { region: parsed.region ?? t('common.notGiven') })}>
                  <OrgTreeSelect id="import-org" value={orgUnitId} onChange={setOrgUnitId} placeholder={t('import.orgPlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('import.asOfField')} htmlFor="import-asof" extra={t('import.asOfHint')}>
                  <DatePicker id="import-asof" value={asOf} onChange={setAsOf} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Space>
              <Button type="primary" onClick={commit} loading={busy} disabled={parsed.tasks.length === 0}>{t('import.commit', { n: parsed.tasks.length })}</Button>
              <Button onClick={reset} disabled={busy}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        </>
      )}
    </Space>
  );
}
