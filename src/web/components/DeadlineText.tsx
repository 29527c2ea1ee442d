import type { DeadlineKind } from '../../core/schedule';
import { useI18n } from '../i18n/i18n';

/** 整改时限: a date, 立行立改, 长期坚持, or not given. */
export function DeadlineText({ kind, date, text }: { kind: DeadlineKind; date: string | null; text?: string | null }) {
  const { t, formatDate } = useI18n();
  if (date) return <span style={{ whiteSpace: 'nowrap' }}>{formatDate(date)}{kind === 'long_term' ? ` · ${t('deadline.long_term')}` : ''}</span>;
  if (kind === 'immediate') return <>{t('deadline.immediate')}</>;
  if (kind === 'long_term') return <>{t('deadline.long_term')}</>;
  return <>{text || t('deadline.unknown')}</>;
}
