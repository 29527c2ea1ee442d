import { Button, Checkbox, Popover } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';
import { COLUMN_KEYS, columnTitle, type ColumnKey } from './columns';

/** Which columns the ledger shows (remembered in this browser). */
export function ColumnChooser({ value, onChange }: { value: ColumnKey[]; onChange: (v: ColumnKey[]) => void }) {
  const { t } = useI18n();
  const content = (
    <Checkbox.Group<ColumnKey>
      value={value}
      onChange={(v) => onChange(COLUMN_KEYS.filter((k) => v.includes(k)))}
      style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      options={COLUMN_KEYS.map((k) => ({ value: k, label: columnTitle(t, k), disabled: k === 'problem' }))}
    />
  );
  return (
    <Popover content={content} title={t('ledger.columns')} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />} aria-label={t('ledger.columns')}>{t('ledger.columns')}</Button>
    </Popover>
  );
}
