/** Deployment settings (warning thresholds, schedule rules, reporting, closure, reminders, cases), one form each. */
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { SETTING_FIELDS, SETTING_KEYS, type SettingField, type SettingKey } from './settings-fields';

interface SettingView { key: string; value: Record<string, unknown>; defaults: Record<string, unknown>; updatedAt: string | null }
type FormValues = Record<string, unknown>;

/** Shares are edited as percentages, lists as comma-separated numbers. */
function toForm(fields: readonly SettingField[], value: Record<string, unknown>): FormValues {
  return Object.fromEntries(fields.map((f) => {
    const v = value[f.name];
    if (f.kind === 'share') return [f.name, typeof v === 'number' ? Math.round(v * 1000) / 10 : v];
    if (f.kind === 'intList') return [f.name, Array.isArray(v) ? v.join(', ') : ''];
    return [f.name, v];
  }));
}
function fromForm(fields: readonly SettingField[], values: FormValues): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => {
    const v = values[f.name];
    if (f.kind === 'share') return [f.name, typeof v === 'number' ? v / 100 : v];
    if (f.kind === 'intList') return [f.name, (typeof v === 'string' ? v : '').split(/[,，\s]+/).filter(Boolean).map(Number)];
    return [f.name, v];
  }));
}

/** Form.Item hands value/checked and onChange to its child: passed on to the control. */
function Control({ field, ...io }: { field: SettingField; value?: never; checked?: boolean; onChange?: never }) {
  const { t, has } = useI18n();
  const optionLabel = (o: string) => {
    const key = `settings.option.${o}`;
    return has(key) ? t(key) : o;
  };
  switch (field.kind) {
    case 'int': return <InputNumber {...io} min={field.min} max={field.max} precision={0} style={{ width: 160 }} />;
    case 'share': return <InputNumber {...io} min={field.min * 100} max={field.max * 100} step={5} suffix="%" style={{ width: 160 }} />;
    case 'bool': return <Switch {...io} />;
    case 'enum': return <Select {...io} style={{ width: 200 }} options={field.options.map((o) => ({ value: o, label: optionLabel(o) }))} />;
    case 'intList': return <Input {...io} style={{ width: 200 }} />;
    case 'text': return <Input {...io} style={{ width: 280 }} />;
  }
}

function SettingCard({ name }: { name: SettingKey }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const fields: readonly SettingField[] = SETTING_FIELDS[name];
  const setting = useApi<SettingView>(`/api/settings/${name}`);
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const data = setting.data;
  if (setting.error) return <Card size="small" title={t(`settings.${name}` as MessageKey)}><ErrorAlert error={setting.error} onRetry={setting.reload} /></Card>;
  if (!data) return <PageLoading />;
  const save = (values: FormValues) => {
    setBusy(true);
    setError(null);
    api.put(`/api/settings/${name}`, { value: fromForm(fields, values), updatedAt: data.updatedAt }).then(
      () => { void message.success(t('settings.saved')); setting.reload(); },
      setError,
    ).finally(() => setBusy(false));
  };
  return (
    <Card size="small" title={t(`settings.${name}` as MessageKey)} extra={data.updatedAt ? <Typography.Text type="secondary">{t('settings.updatedAt', { at: formatDateTime(data.updatedAt) })}</Typography.Text> : null}>
      {error !== null && <ErrorAlert error={error} />}
      {/* Keyed by the stored version so a reload after saving shows what the server kept. */}
      <Form key={data.updatedAt ?? 'defaults'} form={form} layout="vertical" onFinish={save} initialValues={toForm(fields, data.value)}>
        <Space wrap size={24} align="start" style={{ display: 'flex' }}>
          {fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={t(`settings.${name}.${f.name}` as MessageKey)} valuePropName={f.kind === 'bool' ? 'checked' : 'value'} rules={[{ required: f.kind !== 'bool' }]}>
              <Control field={f} />
            </Form.Item>
          ))}
        </Space>
        <Space style={{ display: 'flex' }}>
          <Button type="primary" htmlType="submit" loading={busy}>{t('common.save')}</Button>
          <Button onClick={() => form.setFieldsValue(toForm(fields, data.defaults))}>{t('settings.defaults')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

export function SettingsPanel() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {SETTING_KEYS.map((k) => <SettingCard key={k} name={k} />)}
    </Space>
  );
}
