import { Alert } from 'antd';
import { useI18n } from '../../i18n/i18n';

export interface CheckFlag { severity: 'error' | 'warning'; absolute?: true; taskCode: string | null; message: string }

/** The pre-publication checks: errors block publishing, warnings ask for a second look. */
export function ChecksList({ checks }: { checks: CheckFlag[] }) {
  const { t } = useI18n();
  if (!checks.length) return <Alert type="success" showIcon title={t('generate.checksPassed')} />;
  const errors = checks.filter((c) => c.severity === 'error').length;
  return (
    <Alert
      type={errors ? 'error' : 'warning'}
      showIcon
      title={t('generate.checks', { errors, warnings: checks.length - errors })}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {checks.map((c, i) => (
            <li key={i}>
              <strong>{c.severity === 'error' ? t('generate.error') : t('generate.warning')}</strong>
              {c.taskCode !== null && ` · ${t('task.codeLabel', { code: c.taskCode })}`}：{c.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}
