import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { ChangePasswordForm } from '../../account/components/change-password-form.tsx';
import { authApi, ME_KEY } from '../auth.api.ts';
import { AuthShell } from '../components/auth-shell.tsx';

/** An account with an initial or reset password changes it before anything else. */
export function ForcePasswordChange() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <AuthShell>
      <h1>{t('password.forceTitle')}</h1>
      <p className="auth-sub">{t('password.forceIntro')}</p>
      <ChangePasswordForm
        onDone={() => {
          message.success(t('password.changed'));
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
        }}
      />
      <div style={{ marginTop: 16 }}>
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={async () => {
            await authApi.logout().catch(() => undefined);
            queryClient.clear();
            navigate('/login', { replace: true });
          }}
        >
          {t('nav.logout')}
        </Button>
      </div>
    </AuthShell>
  );
}
