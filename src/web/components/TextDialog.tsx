/**
 * A dialog asking for one text (a review comment, a reason to return, an objection…) before an action; the action's
 * error, as the API worded it, stays in the dialog so nothing typed is lost.
 */
import { useState, type ReactNode } from 'react';
import { Form, Input, Modal } from 'antd';
import { useI18n } from '../i18n/i18n';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  title: string;
  label: string;
  okText: string;
  /** A reason must be given (at least two characters, as the API asks). */
  required?: boolean;
  danger?: boolean;
  /** More fields or an explanation above the text. */
  children?: ReactNode;
  onSubmit: (text: string) => Promise<unknown>;
  onClose: () => void;
}

export function TextDialog({ title, label, okText, required, danger, children, onSubmit, onClose }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ok = () => {
    setBusy(true);
    setError(null);
    onSubmit(text.trim()).then(onClose, (e: unknown) => {
      setError(e);
      setBusy(false);
    });
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ danger, disabled: required && text.trim().length < 2 }}
      destroyOnHidden
    >
      {error !== null && <ErrorAlert error={error} />}
      {children}
      <Form layout="vertical">
        <Form.Item label={label} htmlFor="text-dialog-input" required={required}>
          <Input.TextArea id="text-dialog-input" value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={5000} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
