/**
 * The side menu of signed-in screens, built from one list: each item shows only to roles that may use it, and the
 * same list names the sections for the breadcrumbs. A new screen is one line here.
 */
import type { ReactNode } from 'react';
import {
  AuditOutlined, BankOutlined, DesktopOutlined, CalendarOutlined, DashboardOutlined, FileSearchOutlined, FileTextOutlined, GlobalOutlined,
  ProfileOutlined, ScheduleOutlined, SettingOutlined, SlidersOutlined, TableOutlined, TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '../../core/roles';
import type { MessageKey } from '../i18n/zh';

export interface NavItem {
  /** The address the item opens (the menu's key). */
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** The permission a role must grant somewhere for the item to show. */
  needs?: Permission;
  /** More first path segments that belong to this section (detail pages, redirects). */
  sections?: readonly string[];
  children?: readonly NavItem[];
}

/** Signed-in screens in menu order. The first item a user may see is their home (the breadcrumbs' first crumb). */
export const NAV: readonly NavItem[] = [
  // 工作台 goes first: the landing page of every role.
  { path: '/workbench', label: 'nav.workbench', icon: <DesktopOutlined />, needs: 'read' },
  { path: '/dashboard', label: 'nav.dashboard', icon: <DashboardOutlined />, needs: 'read' },
  { path: '/ledger', label: 'nav.ledger', icon: <TableOutlined />, needs: 'read', sections: ['tasks', 'progress-reports', 'closures'] },
  { path: '/plans', label: 'nav.plans', icon: <ProfileOutlined />, needs: 'read' },
  { path: '/rounds', label: 'nav.rounds', icon: <ScheduleOutlined />, needs: 'read' },
  { path: '/cases', label: 'nav.cases', icon: <FileSearchOutlined />, needs: 'read' },
  { path: '/reports', label: 'nav.reports', icon: <FileTextOutlined />, needs: 'read' },
  {
    path: '/admin', label: 'nav.admin', icon: <SettingOutlined />, children: [
      { path: '/admin?tab=users', label: 'admin.users', icon: <TeamOutlined />, needs: 'manageUsers' },
      { path: '/admin?tab=org', label: 'admin.org', icon: <BankOutlined />, needs: 'manageOrg' },
      { path: '/admin?tab=settings', label: 'admin.settings', icon: <SlidersOutlined />, needs: 'writeLedger' },
      { path: '/admin?tab=calendar', label: 'calendar.title', icon: <CalendarOutlined />, needs: 'writeLedger' },
      { path: '/admin?tab=audit', label: 'admin.audit', icon: <AuditOutlined />, needs: 'readAudit' },
    ],
  },
  { path: '/', label: 'nav.public', icon: <GlobalOutlined /> },
];

/** The items a user may use: those their permissions allow, groups only when one of their children is left. */
export function visibleNav(can: (p: Permission) => boolean, items: readonly NavItem[] = NAV): NavItem[] {
  return items.flatMap((item) => {
    if (item.needs && !can(item.needs)) return [];
    if (!item.children) return [item];
    const children = visibleNav(can, item.children);
    return children.length ? [{ ...item, children }] : [];
  });
}

/** The top-level item whose section the address is in (for the menu's selection and the breadcrumbs). */
export function sectionOf(items: readonly NavItem[], pathname: string): NavItem | undefined {
  const first = pathname.split('/')[1] ?? '';
  return items.find((i) => i.path !== '/' && (i.path === `/${first}` || (i.sections ?? []).includes(first)));
}

/** The menu key of the address: an admin tab's own item, else its section's. */
export function selectedKey(items: readonly NavItem[], pathname: string, search: string): string | undefined {
  const section = sectionOf(items, pathname);
  if (!section?.children) return section?.path;
  const tab = new URLSearchParams(search).get('tab');
  return (section.children.find((c) => c.path === `${section.path}?tab=${tab}`) ?? section.children[0])?.path;
}
