/**
 * The frame of every screen. Signed-in screens: the admin layout government users know — a collapsible side menu
 * (only what the user's roles may use), a top bar with language, notifications and who is signed in, and breadcrumbs
 * above the page. Public pages (信息公开, sign-in, password reset) and visitors keep the light top bar of their own.
 * Print views (…/print) get no frame at all.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Grid, Layout, Menu, type MenuProps } from 'antd';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { UserBox } from './UserBox';
import { NotificationBell } from './NotificationBell';
import { CrumbProvider, PageBreadcrumbs } from './breadcrumbs';
import { selectedKey, visibleNav, type NavItem } from './nav';

/** Addresses that keep the public layout even for a signed-in user. */
const PUBLIC_PATHS = /^\/($|public(\/|$)|sign-in$|forgot-password$|reset-password$)/;
/** Print-friendly views: the page alone. */
export const PRINT_PATH = /\/print$/;

export function AppLayout({ children }: { children: ReactNode }) {
  const { principal } = useAuth();
  const { pathname } = useLocation();
  if (PRINT_PATH.test(pathname)) return <div className="print-root">{children}</div>;
  if (!principal || principal.mustChangePassword || PUBLIC_PATHS.test(pathname)) return <PublicLayout>{children}</PublicLayout>;
  return <ShellLayout>{children}</ShellLayout>;
}

function Brand({ to, compact = false }: { to: string; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <Link to={to} className="app-brand" aria-label={t('app.title')}>
      <img src="/favicon.svg" alt="" />
      {!compact && <span>{t('app.title')}</span>}
    </Link>
  );
}

function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { principal, can } = useAuth();
  const { pathname } = useLocation();
  const home = principal ? visibleNav(can)[0]?.path ?? '/' : '/';
  const items = [
    { key: '/', label: <Link to="/">{t('nav.public')}</Link> },
    ...(principal && !principal.mustChangePassword ? [{ key: home, label: <Link to={home}>{t('layout.enterApp')}</Link> }] : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Brand to={principal ? home : '/'} />
        <nav className="app-nav" aria-label={t('nav.label')}>
          <Menu mode="horizontal" selectedKeys={[pathname === '/' || pathname.startsWith('/public') ? '/' : '']} items={items} style={{ borderBottom: 'none' }} />
        </nav>
        <div className="app-user">
          <LanguageSwitch />
          {/* No bell on public pages: signing out lands here, and a bell mounting then would ask after a closing session. */}
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

function menuItems(items: readonly NavItem[], t: ReturnType<typeof useI18n>['t']): NonNullable<MenuProps['items']> {
  return items.map((item) => (item.children
    ? { key: item.path, icon: item.icon, label: t(item.label), children: menuItems(item.children, t) }
    : { key: item.path, icon: item.icon, label: <Link to={item.path}>{t(item.label)}</Link> }));
}

function ShellLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { pathname, search } = useLocation();
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint reads undefined: treat that as a wide screen.
  const phone = screens.md === false;
  const [collapsed, setCollapsed] = useState(phone);
  const items = visibleNav(can);
  const selected = selectedKey(items, pathname, search);
  const openGroup = items.find((i) => i.children?.some((c) => c.path === selected))?.path;
  const [openKeys, setOpenKeys] = useState<string[]>(openGroup ? [openGroup] : []);

  // Phones start with the menu closed and close it again after each choice; wider screens keep the user's choice.
  useEffect(() => { setCollapsed(phone); }, [phone]);
  useEffect(() => { if (phone) setCollapsed(true); }, [phone, pathname, search]);
  useEffect(() => { if (openGroup) setOpenKeys((k) => (k.includes(openGroup) ? k : [...k, openGroup])); }, [openGroup]);

  return (
    <Layout style={{ minHeight: '100vh' }} hasSider>
      <Layout.Sider
        className={phone ? 'app-sider app-sider-phone' : 'app-sider'}
        theme="light"
        width={232}
        collapsible
        collapsed={collapsed}
        collapsedWidth={phone ? 0 : 64}
        onCollapse={setCollapsed}
        zeroWidthTriggerStyle={{ top: 12 }}
        trigger={phone ? undefined : <span aria-label={t(collapsed ? 'layout.expand' : 'layout.collapse')}>{collapsed ? '»' : '«'}</span>}
      >
        <div className="app-sider-brand"><Brand to={items[0]?.path ?? '/'} compact={collapsed} /></div>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            openKeys={collapsed ? undefined : openKeys}
            onOpenChange={setOpenKeys}
            items={menuItems(items, t)}
            style={{ borderInlineEnd: 'none' }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header app-shell-header">
          {phone && <Brand to={items[0]?.path ?? '/'} compact />}
          <div style={{ flex: 1 }} />
          <div className="app-user">
            <LanguageSwitch />
            <NotificationBell />
            <UserBox />
          </div>
        </Layout.Header>
        <Layout.Content>
          <CrumbProvider>
            {(crumb) => (
              <main className="app-content">
                <PageBreadcrumbs items={items} crumb={crumb} />
                {children}
              </main>
            )}
          </CrumbProvider>
        </Layout.Content>
        <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
