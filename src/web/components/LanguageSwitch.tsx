import { Segmented } from 'antd';
import { useI18n, type Locale } from '../i18n/i18n';

/** 中文 / English; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('lang.label')}
      value={locale}
      onChange={setLocale}
      options={[{ label: '中文', value: 'zh' }, { label: 'English', value: 'en' }]}
    />
  );
}
