/**
 * The working-day calendar (节假日安排): which years the deployment knows, a year's official holidays and adjusted
 * working days (调休), and entering a year by pasting its table. Working-day notices into an unknown year are refused.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { errorMessage } from '../../components/ErrorAlert';

interface CalendarYear { year: number; source: 'entered' | 'library' | 'unknown'; enteredAt: string | null; days: { date: string; kind: 'holiday' | 'workday'; name: string | null }[] }

export function CalendarPanel() {
  const { t, formatDate, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [year, setYear] = useState(() => new Date().getFullYear() + 1);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const { data, error, reload } = useApi<CalendarYear>('/api/calendar', { year });
  // Entering a year changes every unit's count: the API accepts it from administrators of the top unit only and says so.
  const mayEnter = can('writeLedger');

  const importTable = async () => {
    setSaving(true);
    try {
      await api.post('/api/calendar/import', { year, text });
      setText('');
      message.success(t('calendar.imported', { year }));
      reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('calendar.title')}>
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Space>
          <label htmlFor="calendar-year">{t('calendar.year')}</label>
          <InputNumber id="calendar-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Space>
        {error ? <ErrorAlert error={error} onRetry={reload} /> : !data ? <PageLoading /> : (
          <>
            {data.source === 'unknown' && <Alert type="warning" showIcon title={t('calendar.unknown', { year })} />}
            {data.source === 'library' && <Alert type="info" showIcon title={t('calendar.library', { year })} />}
            {data.source === 'entered' && (
              <>
                <Typography.Text type="secondary">{t('calendar.entered', { date: formatDateTime(data.enteredAt) })}</Typography.Text>
                <Table
                  size="small"
                  rowKey="date"
                  pagination={false}
                  dataSource={data.days}
                  columns={[
                    { title: t('calendar.date'), dataIndex: 'date', render: (d: string) => formatDate(d) },
                    { title: t('calendar.name'), dataIndex: 'name' },
                    { title: t('calendar.kind'), dataIndex: 'kind', render: (k: string) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{t(k === 'holiday' ? 'calendar.holiday' : 'calendar.workday')}</Tag> },
                  ]}
                />
              </>
            )}
          </>
        )}
        {mayEnter && (
          <>
            <label htmlFor="calendar-table">{t('calendar.paste', { year })}</label>
            <Input.TextArea id="calendar-table" rows={6} value={text} onChange={(e) => setText(e.target.value)} placeholder={'2027-01-01 元旦 休\n2027-02-06至2027-02-12 春节 休\n2027-02-14 春节 班'} />
            <Typography.Text type="secondary">{t('calendar.pasteHint')}</Typography.Text>
            <Button type="primary" loading={saving} disabled={!text.trim()} onClick={importTable}>{t('calendar.import')}</Button>
          </>
        )}
      </Space>
    </Card>
  );
}
