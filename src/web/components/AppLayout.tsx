/** The frame of every screen: brand, navigation, language, and who is signed in (name, role, unit) with sign-out. */
import type { ReactNode } from 'react';
import { Layout, Menu } from 'antd';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import type { Permission } from '../../core/roles';
import { LanguageSwitch } from './LanguageSwitch';
import { UserBox } from './UserBox';
import { NotificationBell } from './NotificationBell';

interface NavItem { path: string; label: MessageKey; needs?: Permission }

/** Signed-in screens in menu order; each shows only to roles that may use it. */
const NAV: NavItem[] = [
  { path: '/workbench', label: 'nav.workbench', needs: 'read' },
  { path: '/dashboard', label: 'nav.dashboard', needs: 'read' },
  { path: '/ledger', label: 'nav.ledger', needs: 'read' },
  { path: '/plans', label: 'nav.plans', needs: 'read' },
  { path: '/rounds', label: 'nav.rounds', needs: 'read' },
  { path: '/cases', label: 'nav.cases', needs: 'read' },
  { path: '/reports', label: 'nav.reports', needs: 'read' },
  { path: '/admin', label: 'nav.admin', needs: 'manageUsers' },
];

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { principal, can } = useAuth();
  const { pathname } = useLocation();
  const items = [
    { key: '/', label: <Link to="/">{t('nav.public')}</Link> },
    ...(principal ? NAV.filter((n) => !n.needs || can(n.needs)).map((n) => ({ key: n.path, label: <Link to={n.path}>{t(n.label)}</Link> })) : []),
  ];
  const section = `/${pathname.split('/')[1] ?? ''}`;
  const selected = section === '/tasks' || section === '/progress-reports' ? '/ledger' : section === '/public' ? '/' : section;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Link to={principal ? '/dashboard' : '/'} className="app-brand" aria-label={t('app.title')}>
          <img src="/favicon.svg" alt="" />
          <span>{t('app.title')}</span>
        </Link>
        <nav className="app-nav" aria-label={t('nav.label')}>
          <Menu mode="horizontal" selectedKeys={[selected]} items={items} style={{ borderBottom: 'none' }} />
        </nav>
        <div className="app-user">
          <LanguageSwitch />
          {principal && !principal.mustChangePassword && <NotificationBell />}
          <UserBox />
        </div>
      </Layout.Header>
      <Layout.Content>
        <main className="app-content">{children}</main>
      </Layout.Content>
      <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}
