import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space } from 'antd';
import { useState } from 'react';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { RoleTags } from '../../../components/role-tags.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { authApi, ME_KEY } from '../../auth/auth.api.ts';
import { EnrollTotp } from '../../auth/components/enroll-totp.tsx';
import { ChangePasswordForm } from '../components/change-password-form.tsx';

/** My account: who I am, change password, turn the second factor on or off. */
export function AccountPage() {
  const me = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const [form] = Form.useForm<{ password: string }>();
  const disable = useMutation({
    mutationFn: authApi.disable,
    meta: { silent: true },
    onSuccess: () => {
      setDisabling(false);
      form.resetFields();
      message.success(t('account.disabled2fa'));
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });

  return (
    <div>
      <PageHeader title={t('account.title')} subtitle={t('account.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('account.profile')}>
            <Descriptions
              column={1}
              size="small"
              styles={{ label: { width: 96 } }}
              items={[
                { key: 'name', label: t('users.name'), children: me.name },
                { key: 'username', label: t('users.username'), children: me.username },
                { key: 'unit', label: t('home.unit'), children: me.unitName ?? me.unitId },
                { key: 'roles', label: t('home.roles'), children: <RoleTags roles={me.roles} /> },
              ]}
            />
          </Card>
          <Card title={t('account.twofa')} style={{ marginTop: 16 }}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <div>
                {me.totpEnabled ? (
                  <CheckCircleFilled style={{ color: '#2f8a4c', marginRight: 8 }} />
                ) : (
                  <ExclamationCircleFilled style={{ color: '#c77c12', marginRight: 8 }} />
                )}
                {me.totpEnabled ? t('account.twofaOn') : t('account.twofaOff')}
              </div>
              {me.totpEnabled && me.twoFactorRequired && (
                <Alert type="info" showIcon title={t('account.twofaRequired')} />
              )}
              {!me.totpEnabled && (
                <Button type="primary" onClick={() => setEnrolling(true)}>
                  {t('account.enable')}
                </Button>
              )}
              {me.totpEnabled && !me.twoFactorRequired && (
                <Button danger onClick={() => setDisabling(true)}>
                  {t('account.disable')}
                </Button>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('account.password')}>
            <ChangePasswordForm onDone={() => message.success(t('password.changed'))} />
          </Card>
        </Col>
      </Row>

      <Modal
        open={enrolling}
        footer={null}
        onCancel={() => setEnrolling(false)}
        destroyOnHidden
        mask={{ closable: false }}
        width={480}
      >
        <EnrollTotp
          onDone={() => {
            setEnrolling(false);
            message.success(t('account.enabled2fa'));
            void queryClient.invalidateQueries({ queryKey: ME_KEY });
          }}
        />
      </Modal>
      <Modal
        open={disabling}
        title={t('account.disableTitle')}
        okText={t('account.disable')}
        okButtonProps={{ danger: true, loading: disable.isPending }}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setDisabling(false)}
        destroyOnHidden
      >
        <p>{t('account.disableIntro')}</p>
        {disable.isError && (
          <Alert type="error" showIcon title={disable.error.message} style={{ marginBottom: 12 }} />
        )}
        <Form name="disable-2fa" form={form} onFinish={(v) => disable.mutate(v.password)}>
          <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" placeholder={t('login.password')} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
