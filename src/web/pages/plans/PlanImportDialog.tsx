/**
 * Importing a plan table (整改方案 / 整改任务清单) for an inspection: choose the unit the plan belongs to and the file,
 * preview what was read (nothing written), decide the names that matched no unit and the links to the higher plan's
 * tasks — each decision previews again — then import all or nothing. A corrected table imported again updates the
 * plan in place and the preview lists what changes.
 */
import { useState } from 'react';
import { App, Button, Form, Modal, Space, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { PlanImportChoices, PlanImportPreview as Preview, PlanImportSummary } from '../../../core/plan-import';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { OrgScope } from './org-scope';
import { UnitPicker } from './UnitPicker';
import { PlanImportPreview } from './PlanImportPreview';

interface Props {
  inspection: { id: number; name: string };
  /** The plan's unit when importing into a known plan (re-import of a corrected table). */
  ownerOrgId?: number;
  scope: OrgScope;
  onImported: (s: PlanImportSummary) => void;
  onClose: () => void;
}

const NO_CHOICES: PlanImportChoices = { units: {}, parents: {} };

export function PlanImportDialog({ inspection, ownerOrgId, scope, onImported, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [orgUnitId, setOrgUnitId] = useState<number | undefined>(ownerOrgId);
  const [file, setFile] = useState<File | null>(null);
  const [choices, setChoices] = useState<PlanImportChoices>(NO_CHOICES);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const form = (c: PlanImportChoices, expect?: Preview) => {
    const data = new FormData();
    data.append('inspectionId', String(inspection.id));
    data.append('orgUnitId', String(orgUnitId));
    data.append('choices', JSON.stringify(c));
    if (expect) {
      data.append('fileSha256', expect.fileSha256);
      data.append('baseline', expect.baseline);
    }
    data.append('file', file!, file!.name);
    return data;
  };
  const run = (job: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    job().catch(setError).finally(() => setBusy(false));
  };
  const read = (c: PlanImportChoices) => run(async () => {
    setChoices(c);
    setPreview(await api.upload<Preview>('/api/plans/import/preview', form(c)));
  });
  const commit = () => run(async () => {
    const s = await api.upload<PlanImportSummary>('/api/plans/import', form(choices, preview!));
    void message.success(t('planImport.done', { created: s.created, updated: s.updated, unchanged: s.unchanged, linked: s.linked }));
    onImported(s);
  });
  const ready = !!file && !!orgUnitId;

  return (
    <Modal open title={`${t('planImport.title')} · ${inspection.name}`} onCancel={onClose} width={1280} destroyOnHidden
      footer={(
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!preview || preview.blockers.length > 0 || busy} loading={busy && !!preview} onClick={commit}>
            {t('planImport.commit', { n: preview?.tasks.length ?? 0 })}
          </Button>
        </Space>
      )}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Form layout="vertical">
          <Form.Item label={t('planImport.owner')} htmlFor="plan-import-owner" required extra={t('planImport.ownerHint')}>
            <UnitPicker id="plan-import-owner" scope={scope} placeholder={t('planImport.owner')} value={orgUnitId} disabledAll={ownerOrgId !== undefined}
              onChange={(v) => { setOrgUnitId(v); setPreview(null); setChoices(NO_CHOICES); }} />
          </Form.Item>
        </Form>
        <Upload.Dragger accept=".xlsx,.xls,.et,.ods,.docx,.doc" maxCount={1} showUploadList={false}
          beforeUpload={(f) => { setFile(f); setPreview(null); setChoices(NO_CHOICES); return false; }}>
          <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
          <p className="ant-upload-text">{file ? file.name : t('planImport.drop')}</p>
          <p className="ant-upload-hint">{t('planImport.hint')}</p>
        </Upload.Dragger>
        <Button type="primary" disabled={!ready} loading={busy && !preview} onClick={() => read(choices)}>{t('planImport.preview')}</Button>
        {error !== null && <ErrorAlert error={error} />}
        {preview && <PlanImportPreview preview={preview} choices={choices} onChoices={read} scope={scope} />}
      </Space>
    </Modal>
  );
}
