/** An address that leads nowhere: back home — a signed-in user's first screen (工作台 or 总览), a visitor's 信息公开. */
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { visibleNav } from '../../components/nav';

export function NotFoundPage() {
  const { t } = useI18n();
  const { principal, can } = useAuth();
  const home = principal ? visibleNav(can)[0] : undefined;
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.text')}
      extra={home ? <Link to={home.path}><Button type="primary">{t('layout.backTo', { page: t(home.label) })}</Button></Link>
        : <Link to="/"><Button type="primary">{t('nav.public')}</Button></Link>}
    />
  );
}
