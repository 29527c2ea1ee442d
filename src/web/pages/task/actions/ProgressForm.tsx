/**
 * Reporting progress (调度报送): what was done, problems, next steps, the status as written, milestones done,
 * indicator values and evidence files. New files are uploaded first (each once, even if the submission is retried),
 * then the report cites them. Used to submit a new report and to correct or resubmit one (PUT, at its version).
 */
import { useRef, useState } from 'react';
import { AutoComplete, Button, Checkbox, DatePicker, Drawer, Form, Grid, Input, InputNumber, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import { CameraOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { STATUS_LABELS } from '../../../../core/status';
import { api } from '../../../api/client';
import type { AssignmentDetail, ProgressReport } from '../../../api/types';
import type { ProgressReportView } from '../../../../core/api/progress-reports';
import { useApi } from '../../../api/use-api';
import { useI18n } from '../../../i18n/i18n';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { afterChinaToday, chinaToday } from '../../../components/form-support';
import { comparatorSign } from '../IndicatorsSection';
import { PageLoading } from '../../../components/PageLoading';
import { uploadEvidence } from '../../../components/evidence/upload-evidence';

interface Round { id: number; name: string; state: string; dueDate: string }
interface Values {
  asOf: dayjs.Dayjs;
  statusText: string;
  progress: string;
  problems?: string;
  nextSteps?: string;
  roundId?: number;
  existingEvidence?: number[];
  milestones?: Record<string, { done?: boolean; date?: dayjs.Dayjs }>;
  indicators?: Record<string, number | null>;
}

interface Props {
  detail: AssignmentDetail;
  /** A report to correct or resubmit; absent for a new one. */
  editing?: ProgressReport;
  /** The round the task was opened from (?round=ID): the new report counts for it unless the user clears it. */
  roundId?: number;
  onClose: () => void;
  onSaved: () => void;
}

/** A report as GET /api/progress-reports/:id shows it: with the evidence it cites and what it claimed. */
export type FullReport = ProgressReportView;

const STATUS_OPTIONS = Object.values(STATUS_LABELS).map((v) => ({ value: v }));

export function ProgressForm(props: Props) {
  const { t } = useI18n();
  const full = useApi<FullReport>(props.editing ? `/api/progress-reports/${props.editing.id}` : null);
  if (!props.editing) return <ProgressFormDrawer detail={props.detail} roundId={props.roundId} onClose={props.onClose} onSaved={props.onSaved} />;
  if (full.data) return <ProgressFormDrawer {...props} editing={full.data} />;
  return (
    <Drawer open title={t('progressForm.resubmitTitle')} size="large" onClose={props.onClose}>
      {full.error ? <ErrorAlert error={full.error} onRetry={full.reload} /> : <PageLoading />}
    </Drawer>
  );
}

function ProgressFormDrawer({ detail, editing, roundId, onClose, onSaved }: Omit<Props, 'editing'> & { editing?: FullReport }) {
  const { t, formatDate } = useI18n();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const phone = Grid.useBreakpoint().md === false;
  const uploaded = useRef(new Map<string, number>());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rounds = useApi<{ items: Round[] }>(editing ? null : '/api/rounds', { state: 'open' });
  const watchedRound = Form.useWatch('roundId', form);
  const chosenRound = rounds.data?.items.find((r) => r.id === watchedRound);
  const id = detail.assignment.id;
  // A report being corrected has already marked its milestones done: they stay offered, ticked.
  const claimed = new Map(editing?.claims.milestones.map((m) => [m.milestoneId, m.doneDate]));
  const openMilestones = detail.milestones.filter((m) => !m.doneDate || claimed.has(m.id));

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const newIds: number[] = [];
      for (const f of files) {
        let evidenceId = uploaded.current.get(f.uid);
        if (evidenceId === undefined) {
          evidenceId = (await uploadEvidence(`/api/assignments/${id}/evidence`, f.originFileObj as File)).id;
          uploaded.current.set(f.uid, evidenceId);
        }
        newIds.push(evidenceId);
      }
      const asOf = v.asOf.format('YYYY-MM-DD');
      const body = {
        asOf, statusText: v.statusText.trim(), progress: v.progress, problems: v.problems || null, nextSteps: v.nextSteps || null,
        evidenceIds: [...(v.existingEvidence ?? []), ...newIds],
        milestonesDone: Object.entries(v.milestones ?? {}).filter(([, m]) => m.done).map(([mid, m]) => ({ milestoneId: Number(mid), doneDate: (m.date ?? v.asOf).format('YYYY-MM-DD') })),
        indicatorValues: Object.entries(v.indicators ?? {}).filter(([, x]) => typeof x === 'number').map(([iid, x]) => ({ indicatorId: Number(iid), value: x! })),
      };
      if (editing) await api.put(`/api/progress-reports/${editing.id}`, { ...body, version: editing.version });
      // Only an open round can take the report (a link may name one that has closed since).
      else await api.post(`/api/assignments/${id}/progress-reports`, { ...body, roundId: rounds.data?.items.some((r) => r.id === v.roundId) ? v.roundId : null });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      title={editing ? t('progressForm.resubmitTitle') : t('progressForm.title')}
      size="large"
      rootClassName="progress-form-drawer"
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{editing ? t('progressForm.resubmit') : t('progressForm.submit')}</Button>
          <Button onClick={onClose} disabled={busy}>{t('common.cancel')}</Button>
        </Space>
      }
    >
      {error !== null && <ErrorAlert error={error} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          asOf: editing ? dayjs(editing.asOf) : chinaToday(), statusText: editing?.statusText ?? detail.assignment.statusText ?? undefined,
          progress: editing?.progress ?? undefined, problems: editing?.problems ?? undefined, nextSteps: editing?.nextSteps ?? undefined,
          existingEvidence: editing?.evidenceIds ?? [],
          roundId: editing ? undefined : roundId,
          milestones: Object.fromEntries([...claimed].map(([mid, date]) => [String(mid), { done: true, date: dayjs(date) }])),
          indicators: Object.fromEntries((editing?.claims.indicators ?? []).map((i) => [String(i.indicatorId), i.value])),
        }}
      >
        {!editing && (rounds.data?.items.length ?? 0) > 0 && (
          <Form.Item name="roundId" label={t('progressForm.round')} extra={chosenRound ? t('progressForm.roundFromLink', { name: chosenRound.name }) : t('progressForm.roundHint')}>
            <Select allowClear options={rounds.data!.items.map((r) => ({ value: r.id, label: `${r.name}（${t('progressForm.due', { date: formatDate(r.dueDate) })}）` }))} />
          </Form.Item>
        )}
        <Space wrap size={16} style={{ width: '100%' }}>
          <Form.Item name="asOf" label={t('progressForm.asOf')} rules={[{ required: true, message: t('form.chooseRequired', { label: t('progressForm.asOf') }) }]}>
            <DatePicker disabledDate={afterChinaToday} allowClear={false} />
          </Form.Item>
          <Form.Item name="statusText" label={t('progressForm.status')} rules={[{ required: true, whitespace: true, message: t('progressForm.statusRequired') }]} style={{ minWidth: 260 }}>
            <AutoComplete options={STATUS_OPTIONS} placeholder={t('progressForm.statusPlaceholder')} filterOption={(input, o) => (o?.value ?? '').includes(input)} />
          </Form.Item>
        </Space>
        <Form.Item name="progress" label={t('progress.progress')} rules={[{ required: true, whitespace: true, message: t('progressForm.progressRequired') }]}>
          <Input.TextArea rows={5} maxLength={20000} />
        </Form.Item>
        <Form.Item name="problems" label={t('progress.problems')}>
          <Input.TextArea rows={2} maxLength={20000} />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('progress.nextSteps')}>
          <Input.TextArea rows={2} maxLength={20000} />
        </Form.Item>
        {openMilestones.length > 0 && (
          <Form.Item label={t('progressForm.milestones')}>
            {openMilestones.map((m) => (
              <Space key={m.id} style={{ display: 'flex', marginBottom: 4 }} wrap>
                <Form.Item name={['milestones', String(m.id), 'done']} valuePropName="checked" noStyle>
                  <Checkbox>{m.title}（{t('milestone.due', { date: formatDate(m.dueDate) })}）</Checkbox>
                </Form.Item>
                <Form.Item name={['milestones', String(m.id), 'date']} noStyle>
                  <DatePicker size="small" placeholder={t('progressForm.doneDate')} aria-label={t('progressForm.doneDateOf', { title: m.title })} />
                </Form.Item>
              </Space>
            ))}
          </Form.Item>
        )}
        {detail.indicators.map((ind) => (
          <Form.Item key={ind.id} name={['indicators', String(ind.id)]} label={`${ind.name}${ind.unit ? `（${ind.unit}）` : ''}`} extra={`${t('indicator.target')} ${comparatorSign(ind.comparator)} ${ind.target}`}>
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
        ))}
        {detail.evidence.length > 0 && (
          <Form.Item name="existingEvidence" label={t('progressForm.existingEvidence')}>
            <Checkbox.Group options={detail.evidence.map((e) => ({ value: e.id, label: e.originalName }))} />
          </Form.Item>
        )}
        <Form.Item label={t('progressForm.evidence')} extra={t('progressForm.evidenceHint')}>
          <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
            <Button icon={<UploadOutlined />}>{t('progressForm.chooseFiles')}</Button>
          </Upload>
          {/* On a phone this opens the back camera; the photo joins the same list of files. */}
          {phone && <Upload accept="image/*" capture="environment" showUploadList={false} beforeUpload={() => false}
            onChange={({ file }) => setFiles((fs) => (fs.some((f) => f.uid === file.uid) ? fs : [...fs, file]))}>
            <Button icon={<CameraOutlined />} style={{ marginTop: 8 }} data-testid="camera-upload">{t('layout.takePhoto')}</Button>
          </Upload>}
        </Form.Item>
        <Typography.Text type="secondary">{t('progressForm.reviewNote')}</Typography.Text>
      </Form>
    </Drawer>
  );
}
