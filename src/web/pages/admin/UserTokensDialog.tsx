/** A managed user's API tokens, for their administrators: listed (never the secrets) and revoked one by one. */
import { Modal, Typography } from 'antd';
import type { ManagedUser, Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { TokenTable, type ApiToken } from '../account/TokenTable';

export function UserTokensDialog({ user, onClose }: { user: ManagedUser; onClose: () => void }) {
  const { t } = useI18n();
  const tokens = useApi<Page<ApiToken>>(`/api/users/${user.id}/tokens`, { includeRevoked: 'true', pageSize: 100 });
  return (
    <Modal open title={t('users.tokensOf', { name: user.displayName })} footer={null} onCancel={onClose} width={860} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('users.tokensIntro')}</Typography.Paragraph>
      <TokenTable tokens={tokens} revokeUrl={(tk) => `/api/users/${user.id}/tokens/${tk.id}`} />
    </Modal>
  );
}
