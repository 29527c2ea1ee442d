/** Administration: users and roles, the org tree, deployment settings, the audit trail; each tab for the roles that may. */
import { Card, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { UsersPanel } from './UsersPanel';
import { OrgUnitsPanel } from './OrgUnitsPanel';
import { SettingsPanel } from './SettingsPanel';
import { CalendarPanel } from './CalendarPanel';
import { AuditPanel } from './AuditPanel';

export default function AdminPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tabs = [
    ...(can('manageUsers') ? [{ key: 'users', label: t('admin.users'), children: <UsersPanel /> }] : []),
    ...(can('manageOrg') ? [{ key: 'org', label: t('admin.org'), children: <OrgUnitsPanel /> }] : []),
    ...(can('writeLedger') ? [{ key: 'settings', label: t('admin.settings'), children: <SettingsPanel /> }] : []),
    ...(can('writeLedger') ? [{ key: 'calendar', label: t('calendar.title'), children: <CalendarPanel /> }] : []),
    ...(can('readAudit') ? [{ key: 'audit', label: t('admin.audit'), children: <AuditPanel /> }] : []),
  ];
  const active = tabs.some((x) => x.key === params.get('tab')) ? params.get('tab')! : tabs[0]?.key;
  return (
    <>
      <Typography.Title level={2} className="page-title">{t('admin.title')}</Typography.Title>
      <Card>
        {/* Mounted on demand: each panel loads its data when first opened. */}
        <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={tabs} destroyOnHidden />
      </Card>
    </>
  );
}
