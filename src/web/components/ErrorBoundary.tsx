/** Never a blank page: a rendering failure shows what went wrong and a way back. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useI18n } from '../i18n/i18n';
import { errorMessage } from './ErrorAlert';

function Fallback({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('error.page')}
      subTitle={errorMessage(error, t)}
      extra={[
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>{t('common.reload')}</Button>,
        <Button key="home" href="/">{t('nav.public')}</Button>,
      ]}
    />
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('render failed', error, info.componentStack);
  }

  override render() {
    return this.state.error ? <Fallback error={this.state.error} /> : this.props.children;
  }
}
