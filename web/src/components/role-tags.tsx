import { Tag } from 'antd';
import type { Role } from '../features/auth/auth.api.ts';
import { isMessageKey, useI18n } from '../i18n/i18n.tsx';

const ADMIN: readonly string[] = ['sysadmin', 'secadmin', 'auditor'];

/** A role's name in the current language. */
export function useRoleLabel(): (role: string) => string {
  const { t } = useI18n();
  return (role) => {
    const key = `role.${role}`;
    return isMessageKey(key) ? t(key) : role;
  };
}

/** The roles of an account as tags; the three administrator roles stand out in red. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const label = useRoleLabel();
  const { t } = useI18n();
  if (roles.length === 0) return <span className="muted">{t('home.noRoles')}</span>;
  return (
    <span className="role-tags">
      {roles.map((r) => (
        <Tag key={r} color={ADMIN.includes(r) ? 'red' : 'blue'} variant="filled">
          {label(r)}
        </Tag>
      ))}
    </span>
  );
}
