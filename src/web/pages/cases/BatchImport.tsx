/**
 * Importing a handover table (交办清单, XLSX/CSV): choose the inspection and the importing unit, upload, check what
 * would be created (columns recognized, batches, cases, bad rows by number) and adjust the column mapping; then import
 * all or nothing. Complainants' details are only said to be present, never shown.
 */
import { useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, Result, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { ErrorAlert } from '../../components/ErrorAlert';
import { InspectionSelect } from '../../components/InspectionSelect';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';

const FIELDS = ['caseNo', 'batchNo', 'handedOverAt', 'complainantName', 'complainantContact', 'target', 'region', 'content', 'pollutionType', 'source', 'isKey'] as const;
type Field = (typeof FIELDS)[number];
type Mapping = Partial<Record<Field, number>>;

interface PlannedCase {
  row: number; caseNo: string; batchNo: string; handedOverAt: string; orgUnitName: string; content: string; pollutionType: string | null;
  isKey: boolean; deadline: string | null; hasComplainantName: boolean; hasComplainantContact: boolean; repeat: unknown;
}
interface Plan {
  fileName: string; headers: string[]; title: string | null; mapping: Mapping; importingUnit: { id: number; name: string };
  batches: { batchNo: string; handedOverAt: string; existingBatchId: number | null; count: number }[];
  cases: PlannedCase[]; errors: { row: number | null; field?: string; message: string }[]; warnings: { row: number | null; message: string }[]; ready: boolean;
}
interface ImportResult { batches: { id: number; batchNo: string; created: boolean; cases: number }[]; created: number; repeats: number }

export function BatchImport({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [inspectionId, setInspectionId] = useState<number | undefined>();
  const [orgUnitId, setOrgUnitId] = useState<number | undefined>();
  const [batchNo, setBatchNo] = useState('');
  const [handedOverAt, setHandedOverAt] = useState<dayjs.Dayjs | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const form = (withMapping: Mapping | null) => {
    const data = new FormData();
    data.append('inspectionId', String(inspectionId));
    data.append('orgUnitId', String(orgUnitId));
    if (batchNo.trim()) data.append('batchNo', batchNo.trim());
    if (handedOverAt) data.append('handedOverAt', handedOverAt.format('YYYY-MM-DD'));
    if (withMapping) data.append('mapping', JSON.stringify(withMapping));
    data.append('file', file!, file!.name);
    return data;
  };
  const run = (job: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    job().catch(setError).finally(() => setBusy(false));
  };
  const preview = (withMapping: Mapping | null) => run(async () => {
    const p = await api.upload<Plan>('/api/case-batches/import/preview', form(withMapping));
    setPlan(p);
    setMapping(p.mapping);
  });
  const commit = () => run(async () => {
    setDone(await api.upload<ImportResult>('/api/case-batches/import', form(mapping)));
    onImported();
  });
  const ready = !!file && !!inspectionId && !!orgUnitId;

  if (done) {
    return (
      <Result status="success" title={t('batches.imported', { n: done.created })} subTitle={t('batches.importedDetail', { batches: done.batches.map((b) => b.batchNo).join('、'), repeats: done.repeats })}
        extra={<Button onClick={() => { setDone(null); setPlan(null); setFile(null); }}>{t('import.another')}</Button>} />
    );
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Form layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={8}><Form.Item label={t('batches.inspection')} htmlFor="batch-inspection" required><InspectionSelect id="batch-inspection" value={inspectionId} onChange={setInspectionId} placeholder={t('batches.inspection')} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item label={t('batches.unit')} htmlFor="batch-unit" required extra={t('batches.unitHint')}><OrgTreeSelect id="batch-unit" value={orgUnitId} onChange={setOrgUnitId} placeholder={t('batches.unit')} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item label={t('batches.batchNo')} htmlFor="batch-no" extra={t('batches.fromFile')}><Input id="batch-no" value={batchNo} onChange={(e) => setBatchNo(e.target.value)} maxLength={20} /></Form.Item></Col>
          <Col xs={12} md={4}><Form.Item label={t('batches.handedOverAt')} htmlFor="batch-date" extra={t('batches.fromFile')}><DatePicker id="batch-date" value={handedOverAt} onChange={setHandedOverAt} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
      </Form>
      <Upload.Dragger accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={(f) => { setFile(f); setPlan(null); setMapping(null); return false; }}>
        <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
        <p className="ant-upload-text">{file ? file.name : t('batches.drop')}</p>
        <p className="ant-upload-hint">{t('batches.hint')}</p>
      </Upload.Dragger>
      <Button type="primary" disabled={!ready} loading={busy && !plan} onClick={() => preview(null)}>{t('batches.preview')}</Button>
      {error !== null && <ErrorAlert error={error} />}
      {plan && (
        <>
          <Alert type={plan.errors.length ? 'error' : 'info'} showIcon
            title={plan.errors.length ? t('batches.hasErrors', { n: plan.errors.length }) : t('batches.summary', { cases: plan.cases.length, batches: plan.batches.map((b) => `${b.batchNo}（${b.count}）`).join('、'), unit: plan.importingUnit.name })}
            description={plan.errors.length > 0 && <ul style={{ margin: 0, paddingLeft: 20 }}>{plan.errors.slice(0, 50).map((e, i) => <li key={i}>{e.row !== null ? t('import.line', { line: e.row }) : ''}{e.message}</li>)}</ul>} />
          {plan.warnings.length > 0 && (
            <Alert type="warning" showIcon title={t('import.warnings', { n: plan.warnings.length })}
              description={<ul style={{ margin: 0, paddingLeft: 20 }}>{plan.warnings.slice(0, 50).map((w, i) => <li key={i}>{w.row !== null ? t('import.line', { line: w.row }) : ''}{w.message}</li>)}</ul>} />
          )}
          <Typography.Title level={5}>{t('batches.mapping')}</Typography.Title>
          <Space wrap>
            {FIELDS.map((f) => (
              <Space key={f} orientation="vertical" size={2}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`batches.field.${f}` as MessageKey)}</Typography.Text>
                <Select<number> aria-label={t(`batches.field.${f}` as MessageKey)} allowClear style={{ width: 150 }} value={mapping?.[f]}
                  onChange={(v) => setMapping({ ...mapping, [f]: v ?? undefined })} options={plan.headers.map((h, i) => ({ value: i, label: h || `#${i + 1}` }))} />
              </Space>
            ))}
          </Space>
          <Button onClick={() => preview(mapping)} loading={busy}>{t('batches.repreview')}</Button>
          <Table<PlannedCase>
            size="small" rowKey="row" dataSource={plan.cases} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 900 }}
            columns={[
              { title: t('batches.row'), key: 'row', width: 60, render: (_, c) => c.row },
              { title: t('cases.caseNo'), key: 'no', width: 170, render: (_, c) => c.caseNo },
              { title: t('cases.batch'), key: 'batch', width: 90, render: (_, c) => c.batchNo },
              { title: t('ledger.col.org'), key: 'unit', width: 120, render: (_, c) => c.orgUnitName },
              { title: t('cases.content'), key: 'content', render: (_, c) => <span className="clamp-2">{c.content}</span> },
              { title: t('cases.type'), key: 'type', width: 70, render: (_, c) => c.pollutionType ?? '' },
              {
                title: t('batches.flags'), key: 'flags', width: 160,
                render: (_, c) => (
                  <>
                    {c.isKey && <Tag color="gold">{t('cases.flag.key')}</Tag>}
                    {c.repeat ? <Tag>{t('cases.flag.repeat')}</Tag> : null}
                    {(c.hasComplainantName || c.hasComplainantContact) && <Tag color="blue">{t('batches.hasComplainant')}</Tag>}
                  </>
                ),
              },
            ]}
          />
          <Button type="primary" disabled={!plan.ready} loading={busy} onClick={commit}>{t('batches.commit', { n: plan.cases.length })}</Button>
        </>
      )}
    </Space>
  );
}
