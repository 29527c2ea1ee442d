/**
 * Viewing a past day (as-of reads, issue #17): the date picker of the ledger and the dashboard, and the notice shown
 * while a past day is on screen. Only days before today can be chosen; today is the live ledger.
 */
import { Alert, Button, DatePicker } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import { chinaDate } from '../../core/calendar-date';
import { useI18n } from '../i18n/i18n';
import { fromDay } from './form-support';

/** The URL's date when it is a valid day before today (China time); otherwise the live view. */
export function pastDay(value: string | null | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && value < chinaDate() ? value : undefined;
}

const notPast = (d: dayjs.Dayjs): boolean => d.format('YYYY-MM-DD') >= chinaDate();

export function AsOfPicker({ value, onChange }: { value?: string; onChange: (day: string | undefined) => void }) {
  const { t, locale } = useI18n();
  return (
    <DatePicker
      aria-label={t('asof.pickLabel')}
      placeholder={t('asof.pick')}
      value={fromDay(value)}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
      disabledDate={notPast}
      format={locale === 'zh' ? 'YYYY年M月D日' : 'YYYY-MM-DD'}
      suffixIcon={<HistoryOutlined />}
      allowClear
      style={{ width: 180 }}
    />
  );
}

export function AsOfNotice({ date, onLeave }: { date: string; onLeave: () => void }) {
  const { t, formatDate } = useI18n();
  return (
    <Alert
      type="info"
      showIcon
      icon={<HistoryOutlined />}
      style={{ margin: '8px 0 16px' }}
      title={t('asof.viewing', { date: formatDate(date) })}
      action={<Button size="small" onClick={onLeave}>{t('asof.backToToday')}</Button>}
      data-testid="asof-notice"
    />
  );
}
