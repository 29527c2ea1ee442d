/** Providers every screen needs: language (with antd's locale), theme, antd's message/modal context, the signed-in user. */
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AuthProvider } from './auth/auth';
import { AppRoutes } from './AppRoutes';
import { theme } from './theme';

function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
