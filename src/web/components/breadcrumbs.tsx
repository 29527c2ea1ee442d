/**
 * The breadcrumbs above every signed-in screen: home (the first menu item), the screen's section, and, on a detail
 * page, the page itself. A detail page names itself with `usePageCrumb` once its data is loaded (任务2 · 抚顺市);
 * until then, or when it does not, a generic name for the kind of page stands.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { Breadcrumb } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { sectionOf, type NavItem } from './nav';

interface CrumbState { path: string; title: string }
const CrumbContext = createContext<((c: CrumbState | null) => void) | null>(null);

/** Detail pages by first path segment: the generic name shown until (or unless) the page names itself. */
const DETAIL: Record<string, MessageKey> = {
  tasks: 'layout.crumb.task', rounds: 'layout.crumb.round', plans: 'layout.crumb.plan', cases: 'layout.crumb.case',
  'progress-reports': 'layout.crumb.task', closures: 'layout.crumb.task',
};

/** Names the current page in the breadcrumbs (undefined while it loads). */
export function usePageCrumb(title: string | undefined): void {
  const set = useContext(CrumbContext);
  const { pathname } = useLocation();
  useEffect(() => {
    if (!set || title === undefined) return undefined;
    set({ path: pathname, title });
    return () => set(null);
  }, [set, title, pathname]);
}

export function CrumbProvider({ children }: { children: (crumb: CrumbState | null) => ReactNode }) {
  const [crumb, setCrumb] = useState<CrumbState | null>(null);
  return <CrumbContext.Provider value={setCrumb}>{children(crumb)}</CrumbContext.Provider>;
}

export function PageBreadcrumbs({ items, crumb }: { items: readonly NavItem[]; crumb: CrumbState | null }) {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const home = items[0];
  const segments = pathname.split('/').filter(Boolean);
  const section = sectionOf(items, pathname);
  const trail: { title: ReactNode }[] = [];
  const link = (to: string, label: string, current: boolean) => ({ title: current ? label : <Link to={to}>{label}</Link> });
  // Home as the house icon (named 首页 for screen readers), so it is not a second link named like the menu's item.
  if (home) {
    const icon = <HomeOutlined aria-label={t('layout.home')} />;
    trail.push({ title: pathname === home.path ? icon : <Link to={home.path} aria-label={t('layout.home')}><HomeOutlined /></Link> });
    if (pathname === home.path) trail.push({ title: t(home.label) });
  }
  if (section && section !== home) {
    const atSection = segments.length === 1 && !section.children;
    // Detail pages outside the section's own address (a task page under 整改台账) link back to the section.
    trail.push(link(section.path, t(section.label), atSection));
    if (section.children) {
      const tab = new URLSearchParams(search).get('tab');
      const child = section.children.find((c) => c.path === `${section.path}?tab=${tab}`) ?? section.children[0];
      if (child) trail.push({ title: t(child.label) });
    }
  } else if (!section && segments[0] === 'account') {
    trail.push({ title: t('account.title') });
  }
  const detailKey = segments.length > 1 ? DETAIL[segments[0]!] : undefined;
  if (detailKey || (section && !section.children && section.path !== `/${segments[0] ?? ''}`)) {
    const own = crumb && crumb.path === pathname ? crumb.title : undefined;
    trail.push({ title: own ?? t(detailKey ?? 'layout.crumb.task') });
  }
  return <Breadcrumb className="app-breadcrumbs" items={trail} />;
}
