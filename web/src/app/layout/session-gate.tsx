import { Button, Result } from 'antd';
import { Outlet } from 'react-router';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { useMe } from '../../features/auth/auth.api.ts';
import { ForcePasswordChange } from '../../features/auth/pages/force-password-change.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError } from '../../lib/http.ts';
import { SessionContext } from '../session.tsx';

/**
 * Everything behind login: loads the current user (a 401 sends the browser to the login page),
 * and holds the user on the password form while the account must change its password.
 */
export function SessionGate() {
  const me = useMe();
  const { t } = useI18n();
  if (me.isPending) return <FullPageSpin tip={t('app.loading')} />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) return <FullPageSpin />;
    return (
      <Result
        status="error"
        title={t('app.loadFailed')}
        subTitle={me.error.message}
        extra={
          <Button type="primary" onClick={() => me.refetch()}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }
  const session = me.data;
  return (
    <SessionContext.Provider value={session}>
      {session.mustChangePassword ? <ForcePasswordChange /> : <Outlet />}
    </SessionContext.Provider>
  );
}
