import { CopyOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space } from 'antd';
import { useI18n } from '../../../i18n/i18n.tsx';

/** The 10 recovery codes, shown once; "我已保存" asks once more before they disappear. */
export function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => void }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  return (
    <div>
      <h1>
        <SafetyCertificateOutlined style={{ color: '#2f8a4c', marginRight: 8 }} />
        {t('twofa.recoveryTitle')}
      </h1>
      <Alert type="warning" showIcon title={t('twofa.recoveryIntro')} />
      <div className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <span key={c}>{c}</span>
        ))}
      </div>
      <Space wrap>
        <Button
          icon={<CopyOutlined />}
          onClick={async () => {
            await navigator.clipboard?.writeText(codes.join('\n'));
            message.success(t('common.copied'));
          }}
        >
          {t('common.copy')}
        </Button>
        <Button
          type="primary"
          onClick={() =>
            modal.confirm({
              title: t('twofa.saved'),
              content: t('twofa.savedConfirm'),
              okText: t('twofa.saved'),
              cancelText: t('common.cancel'),
              onOk: onSaved,
            })
          }
        >
          {t('twofa.saved')}
        </Button>
      </Space>
    </div>
  );
}
