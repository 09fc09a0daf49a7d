import { Checkbox } from 'antd';
import { useRoleLabel } from '../../../components/role-tags.tsx';
import type { Role } from '../../auth/auth.api.ts';

const ADMIN: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

/**
 * Role choice: the roles the caller may grant, plus the account's other roles shown but locked.
 * Ticking one administrator role locks the other two (三员分立: one account, one of them).
 */
export function RoleCheckboxes({
  grantable,
  value = [],
  onChange,
  id,
}: {
  grantable: readonly Role[];
  value?: Role[];
  onChange?: (roles: Role[]) => void;
  id?: string;
}) {
  const label = useRoleLabel();
  const shown = [...new Set<Role>([...grantable, ...value])];
  const adminHeld = value.find((r) => ADMIN.includes(r));
  return (
    <div id={id}>
      <Checkbox.Group
        value={value}
        onChange={(v) => onChange?.(v as Role[])}
        style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 0' }}
        options={shown.map((r) => ({
          value: r,
          label: label(r),
          disabled:
            !grantable.includes(r) || (ADMIN.includes(r) && adminHeld !== undefined && adminHeld !== r),
          style: { width: 140 },
        }))}
      />
    </div>
  );
}
