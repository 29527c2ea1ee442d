/**
 * Importing a filled-in ledger or round sheet: choose the file, see per row what it changes, what conflicts with a
 * change made in Rectify since the export (both sides shown; the user picks one per row) and what is refused (the
 * cell and why), then apply it all at once. The file stays in the browser between the preview and the import.
 */
import { useState } from 'react';
import { Alert, App, Button, Flex, Modal, Radio, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, errorMessage } from '../ErrorAlert';

type Outcome = 'change' | 'conflict' | 'unchanged' | 'refused';
type Take = 'file' | 'rectify';
interface FieldChange { field: string; label: string; rectify: string | null; file: string | null }
interface PreviewRow { sheet: string; line: number; assignmentId: number; taskCode: string; orgUnitName: string; outcome: Outcome; mode: 'report' | 'edit'; fields: FieldChange[]; refusals: string[] }
export interface SheetPreview {
  fileName: string; kind: 'ledger' | 'round'; roundName: string | null; exportedAt: string; exportedByName: string;
  counts: { change: number; conflict: number; unchanged: number; refused: number; newerInRectify: number };
  refusals: string[]; rows: PreviewRow[];
}
interface Summary { reports: number; edits: number; kept: number; unchanged: number }

const OUTCOME_COLORS: Record<Outcome, string> = { change: 'processing', conflict: 'warning', refused: 'error', unchanged: 'default' };

function form(file: File, fields: Record<string, string | undefined>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) f.append(k, v);
  f.append('file', file);
  return f;
}

/** A button that opens the import dialog; `roundId` when on a round's page (a sheet of another round is refused). */
export function SheetImport({ roundId, label, onApplied }: { roundId?: number; label: string; onApplied: () => void }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<SheetPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [choices, setChoices] = useState<Record<string, Take>>({});
  const round = roundId === undefined ? undefined : String(roundId);

  const reset = () => { setFile(null); setPreview(null); setError(null); setChoices({}); };
  const choose = (f: File) => {
    reset();
    setFile(f);
    setBusy(true);
    api.upload<SheetPreview>('/api/ledger-sheets/preview', form(f, { roundId: round })).then(setPreview, setError).finally(() => setBusy(false));
    return false;
  };
  const conflicts = preview?.rows.filter((r) => r.outcome === 'conflict') ?? [];
  const undecided = conflicts.some((r) => !choices[String(r.assignmentId)]);
  const apply = () => {
    if (!file) return;
    setBusy(true);
    api.upload<Summary>('/api/ledger-sheets/apply', form(file, { roundId: round, choices: JSON.stringify(choices) })).then((s) => {
      void message.success(t('sheets.applied', { reports: s.reports, edits: s.edits, kept: s.kept }));
      setOpen(false);
      reset();
      onApplied();
    }, (e: unknown) => { setError(e); void message.error(errorMessage(e, t)); }).finally(() => setBusy(false));
  };
  const c = preview?.counts;
  const canApply = !!preview && c!.refused === 0 && c!.change + c!.conflict > 0 && !undecided;

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>{label}</Button>
      <Modal open={open} title={t('sheets.dialogTitle')} width={1000} onCancel={() => { setOpen(false); reset(); }} destroyOnHidden
        footer={[
          <Button key="cancel" onClick={() => { setOpen(false); reset(); }}>{t('common.cancel')}</Button>,
          <Button key="apply" type="primary" disabled={!canApply} loading={busy && !!preview} onClick={apply}>{t('sheets.apply')}</Button>,
        ]}>
        <Typography.Paragraph type="secondary">{t('sheets.hint')}</Typography.Paragraph>
        <Upload accept=".xlsx" maxCount={1} showUploadList={false} beforeUpload={choose}>
          <Button icon={<UploadOutlined />} loading={busy && !preview}>{file ? file.name : t('sheets.choose')}</Button>
        </Upload>
        {error ? <div style={{ marginTop: 12 }}><ErrorAlert error={error} /></div> : null}
        {preview && c ? (
          <div style={{ marginTop: 12 }} data-testid="sheet-preview">
            <Typography.Paragraph>
              <b>{preview.kind === 'round' ? t('sheets.kind.round', { name: preview.roundName ?? '' }) : t('sheets.kind.ledger')}</b>
              {' · '}{t('sheets.exportedBy', { by: preview.exportedByName, at: formatDateTime(preview.exportedAt) })}
            </Typography.Paragraph>
            <Flex gap={24} style={{ marginBottom: 12 }}>
              {(['change', 'conflict', 'unchanged', 'refused'] as const).map((k) => <Statistic key={k} title={t(`sheets.count.${k}`)} value={c[k]} />)}
            </Flex>
            {preview.refusals.length ? (
              <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('sheets.refusedTitle')}
                description={<ul style={{ margin: 0, paddingLeft: 18 }}>{preview.refusals.slice(0, 50).map((r) => <li key={r}>{r}</li>)}</ul>} />
            ) : null}
            {conflicts.length ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('sheets.conflictHint')} /> : null}
            {c.newerInRectify ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('sheets.newerInRectify', { n: c.newerInRectify })} /> : null}
            {preview.rows.length === 0 && !preview.refusals.length ? <Alert type="info" title={t('sheets.nothing')} /> : null}
            {preview.rows.length ? (
              <Table<PreviewRow> size="small" rowKey={(r) => `${r.sheet}:${r.line}`} dataSource={preview.rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 900 }}
                columns={[
                  { title: t('sheets.col.line'), key: 'line', width: 60, render: (_, r) => r.line },
                  { title: t('sheets.col.task'), key: 'task', width: 80, render: (_, r) => r.taskCode },
                  { title: t('sheets.col.unit'), key: 'unit', width: 120, render: (_, r) => r.orgUnitName },
                  {
                    title: t('sheets.col.outcome'), key: 'o', width: 130,
                    render: (_, r) => <><Tag color={OUTCOME_COLORS[r.outcome]}>{t(`sheets.outcome.${r.outcome}`)}</Tag>{r.outcome !== 'refused' ? <Tag>{t(`sheets.mode.${r.mode}`)}</Tag> : null}</>,
                  },
                  {
                    title: t('sheets.col.fields'), key: 'f',
                    render: (_, r) => (r.outcome === 'refused' ? <Typography.Text type="danger">{r.refusals.join('；')}</Typography.Text> : (
                      <ul style={{ margin: 0, paddingLeft: 16 }}>
                        {r.fields.map((f) => (
                          <li key={f.field}><b>{f.label}</b>：<Typography.Text delete type="secondary">{f.rectify ?? '—'}</Typography.Text> → <Typography.Text>{f.file ?? '—'}</Typography.Text></li>
                        ))}
                      </ul>
                    )),
                  },
                  {
                    title: t('sheets.col.choice'), key: 'c', width: 150,
                    render: (_, r) => (r.outcome === 'conflict' ? (
                      <Radio.Group size="small" value={choices[String(r.assignmentId)]} aria-label={`${t('sheets.col.choice')} ${r.line}`}
                        onChange={(e) => setChoices((prev) => ({ ...prev, [String(r.assignmentId)]: e.target.value as Take }))}
                        options={[{ value: 'file', label: t('sheets.take.file') }, { value: 'rectify', label: t('sheets.take.rectify') }]} />
                    ) : null),
                  },
                ]} />
            ) : null}
            {undecided ? <Typography.Text type="warning">{t('sheets.chooseAll')}</Typography.Text> : null}
          </div>
        ) : null}
      </Modal>
    </>
  );
}
