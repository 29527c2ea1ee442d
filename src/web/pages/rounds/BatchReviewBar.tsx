/**
 * Batch review of the selected reports of a round: accept them all, or return them all with one reason. The server
 * applies a batch all or nothing (one transaction), and the bar says so before the click.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../components/ErrorAlert';
import type { Entry } from './round-entries';

export function BatchReviewBar({ roundId, selected, onDone }: { roundId: number; selected: Entry[]; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const reports = selected.filter((e) => e.reportId !== null && e.reportVersion !== null).map((e) => ({ id: e.reportId!, version: e.reportVersion! }));
  const send = async (body: Record<string, unknown>) => {
    setBusy(true);
    try {
      const r = await api.post<{ reviewed: unknown[] }>(`/api/rounds/${roundId}/review`, { ...body, reports });
      void message.success(t('rounds.batch.done', { n: r.reviewed.length }));
      setReturning(false);
      form.resetFields();
      onDone();
    } catch (e) {
      void message.error(errorMessage(e, t));
      onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginBottom: 12 }} data-testid="batch-review">
      <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('rounds.batch.rule')} />
      <Space wrap>
        <Typography.Text>{t('rounds.batch.selected', { n: reports.length })}</Typography.Text>
        <Popconfirm title={t('rounds.batch.acceptConfirm', { n: reports.length })} okText={t('rounds.batch.accept')} cancelText={t('common.cancel')} onConfirm={() => send({ action: 'accept' })} disabled={reports.length === 0}>
          <Button type="primary" disabled={reports.length === 0} loading={busy && !returning}>{t('rounds.batch.accept')}</Button>
        </Popconfirm>
        <Button danger disabled={reports.length === 0} onClick={() => setReturning(true)}>{t('rounds.batch.return')}</Button>
      </Space>
      <Modal open={returning} title={t('rounds.batch.return')} okText={t('rounds.batch.return')} cancelText={t('common.cancel')} okButtonProps={{ danger: true, loading: busy }}
        onCancel={() => setReturning(false)} onOk={() => form.submit()} destroyOnHidden>
        <Typography.Paragraph>{t('rounds.batch.selected', { n: reports.length })}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void send({ action: 'return', reason: v.reason })}>
          <Form.Item name="reason" label={t('rounds.batch.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('rounds.batch.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
