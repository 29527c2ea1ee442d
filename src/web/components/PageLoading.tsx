import { Spin } from 'antd';
import { useI18n } from '../i18n/i18n';

/** A centred spinner that screen readers announce. */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin description={t('common.loading')} />
    </div>
  );
}
