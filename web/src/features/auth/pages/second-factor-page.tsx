import { SafetyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { authApi, ME_KEY, pendingSecondFactorStep, rememberSecondFactorStep } from '../auth.api.ts';
import { AuthShell } from '../components/auth-shell.tsx';
import { EnrollTotp } from '../components/enroll-totp.tsx';

/** The second step of login: set up a TOTP authenticator, or enter its code (or a recovery code). */
export function SecondFactorPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const step = pendingSecondFactorStep();

  const finish = async () => {
    rememberSecondFactorStep(null);
    queryClient.removeQueries();
    await queryClient.prefetchQuery({ queryKey: ME_KEY, queryFn: authApi.me });
    navigate('/', { replace: true });
  };
  const verify = useMutation({ mutationFn: authApi.verify, meta: { silent: true }, onSuccess: finish });
  const backToLogin = async () => {
    await authApi.logout().catch(() => undefined);
    rememberSecondFactorStep(null);
    navigate('/login', { replace: true });
  };

  return (
    <AuthShell>
      {step === 'enroll' ? (
        <EnrollTotp onDone={finish} />
      ) : (
        <>
          <h1>{t('twofa.title')}</h1>
          <p className="auth-sub">{t('twofa.verifyIntro')}</p>
          {verify.isError && (
            <Alert type="error" showIcon title={verify.error.message} style={{ marginBottom: 20 }} />
          )}
          <Form
            name="second-factor"
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={(v: { code: string }) => verify.mutate(v.code.replace(/\s/g, ''))}
          >
            <Form.Item
              name="code"
              label={t('twofa.codeOrRecovery')}
              rules={[{ required: true, whitespace: true, message: t('twofa.codeRequired') }]}
            >
              <Input
                prefix={<SafetyOutlined />}
                autoComplete="one-time-code"
                autoFocus
                maxLength={32}
                placeholder={t('twofa.codePlaceholder')}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={verify.isPending}>
              {t('twofa.verify')}
            </Button>
          </Form>
        </>
      )}
      <div style={{ marginTop: 24, textAlign: 'center' }}>
        <Button type="link" onClick={backToLogin}>
          {t('twofa.backToLogin')}
        </Button>
      </div>
    </AuthShell>
  );
}
