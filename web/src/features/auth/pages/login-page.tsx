import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { LoginBody } from '../../../../../shared/contracts/auth.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { authApi, ME_KEY, rememberSecondFactorStep } from '../auth.api.ts';
import { AuthShell } from '../components/auth-shell.tsx';

/** Only paths inside the app are followed after login, never another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** Username and password; then the second-factor step if the account owes one. */
export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const login = useMutation({
    mutationFn: authApi.login,
    meta: { silent: true },
    onSuccess: async (result) => {
      queryClient.removeQueries();
      if (result.secondFactor) {
        rememberSecondFactorStep(result.secondFactor);
        navigate(`/login/second-factor${window.location.search}`);
        return;
      }
      rememberSecondFactorStep(null);
      await queryClient.prefetchQuery({ queryKey: ME_KEY, queryFn: authApi.me });
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  return (
    <AuthShell>
      <h1>{t('login.title')}</h1>
      <p className="auth-sub">{t('login.subtitle')}</p>
      {login.isError && (
        <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: 20 }} />
      )}
      <Form
        name="login"
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={(values: { username: string; password: string }) => {
          const body = LoginBody.safeParse(values);
          if (body.success) login.mutate(body.data);
        }}
      >
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={256} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} style={{ marginTop: 8 }}>
          {t('login.submit')}
        </Button>
      </Form>
      <p className="auth-note">{t('login.securityNote')}</p>
    </AuthShell>
  );
}
