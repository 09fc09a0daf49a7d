import { Result } from 'antd';
import { Outlet } from 'react-router';
import type { MeAbilities } from '../../features/auth/auth.api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

/** A module page only for users whose abilities (from /api/v1/me) include it. */
export function RequireAbility({ ability }: { ability: Exclude<keyof MeAbilities, 'grantableRoles'> }) {
  const { abilities } = useSession();
  const { t } = useI18n();
  if (!abilities[ability]) return <Result status="403" title="403" subTitle={t('app.forbidden')} />;
  return <Outlet />;
}
