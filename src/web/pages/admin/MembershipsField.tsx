/**
 * A user's roles: one row per unit and role, added and removed in place; each may carry the grant of complainants'
 * details (查看举报人信息) for the cases of that unit and below — no role implies it.
 */
import { Button, Checkbox, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLES, type Role } from '../../../core/roles';
import { useI18n } from '../../i18n/i18n';
import { roleLabel } from '../../components/labels';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';

export interface MembershipInput { orgUnitId?: number; role: Role; complainantDetails?: boolean }

export function MembershipsField({ value = [], onChange }: { value?: MembershipInput[]; onChange?: (v: MembershipInput[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<MembershipInput>) => onChange?.(value.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {value.map((m, i) => (
        <Space key={i} wrap style={{ width: '100%' }}>
          <OrgTreeSelect value={m.orgUnitId} onChange={(orgUnitId) => set(i, { orgUnitId })} placeholder={t('users.unit')} allowClear={false} style={{ width: 240 }} />
          <Select<Role> aria-label={t('users.role')} value={m.role} onChange={(role) => set(i, { role })} options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} style={{ width: 200 }} />
          <Checkbox checked={m.complainantDetails === true} onChange={(e) => set(i, { complainantDetails: e.target.checked })}>{t('users.complainantDetails')}</Checkbox>
          <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('users.removeRole')} onClick={() => onChange?.(value.filter((_, j) => j !== i))} />
        </Space>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange?.([...value, { role: 'reporter' }])}>{t('users.addRole')}</Button>
    </Space>
  );
}
