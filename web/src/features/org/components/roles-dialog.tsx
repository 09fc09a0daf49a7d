import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Modal } from 'antd';
import { useState } from 'react';
import { useSession } from '../../../app/session.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import type { Role } from '../../auth/auth.api.ts';
import { orgApi, orgKeys, type User } from '../org.api.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';

/** Replaces an account's roles with the ticked ones (only grantable roles can change). */
export function RolesDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const me = useSession();
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // The ticked roles belong to the user they were ticked for; a newly opened user starts from theirs.
  const [edit, setEdit] = useState<{ userId: string | null; roles: Role[] }>({ userId: null, roles: [] });
  const roles = user && edit.userId === user.id ? edit.roles : (user?.roles ?? []);
  const setRoles = (next: Role[]) => setEdit({ userId: user?.id ?? null, roles: next });
  const close = () => {
    setEdit({ userId: null, roles: [] });
    onClose();
  };
  const save = useMutation({
    meta: { silent: true },
    mutationFn: () => orgApi.setRoles(user!.id, roles),
    onSuccess: () => {
      message.success(t('users.rolesSaved'));
      void queryClient.invalidateQueries({ queryKey: orgKeys.users });
      close();
    },
  });
  return (
    <Modal
      open={user !== null}
      title={`${t('users.rolesTitle')} · ${user?.name ?? ''}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, disabled: roles.length === 0 }}
      onOk={() => save.mutate()}
      onCancel={close}
      destroyOnHidden
    >
      {save.isError && (
        <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 16 }} />
      )}
      <RoleCheckboxes grantable={me.abilities.grantableRoles} value={roles} onChange={setRoles} />
      <p className="muted" style={{ marginTop: 16, fontSize: 12 }}>
        {t('users.separation')}
      </p>
    </Modal>
  );
}
