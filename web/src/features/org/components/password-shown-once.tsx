import { KeyOutlined } from '@ant-design/icons';
import { Alert, Modal, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n.tsx';

/** A password shown exactly once (new account or reset), with a copy button. */
export function PasswordShownOnce({
  shown,
  onClose,
}: {
  shown: { name: string; username: string; password: string; title: string } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={shown !== null}
      title={shown?.title}
      onOk={onClose}
      onCancel={onClose}
      okText={t('common.ok')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {shown && (
        <>
          <Alert type="warning" showIcon title={t('users.resetDone')} style={{ marginBottom: 16 }} />
          <p>
            {t('users.name')}：<strong>{shown.name}</strong>　{t('users.username')}：
            <strong>{shown.username}</strong>
          </p>
          <Typography.Paragraph
            copyable={{ text: shown.password }}
            className="secret-text"
            style={{ fontSize: 20, padding: '8px 12px', background: '#f7f9fc', borderRadius: 6 }}
            data-testid="password-once"
          >
            <KeyOutlined style={{ marginRight: 8, color: '#c0262d' }} />
            {shown.password}
          </Typography.Paragraph>
          <p className="muted">{t('users.resetDoneHelp', { name: shown.name })}</p>
        </>
      )}
    </Modal>
  );
}
