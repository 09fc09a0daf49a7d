import { ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Space } from 'antd';
import { useEffect } from 'react';
import { CreateUserBody } from '../../../../../shared/contracts/org.ts';
import { useSession } from '../../../app/session.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { generatePassword, passwordIssues } from '../../../lib/password.ts';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { useSingleFlight } from '../../../lib/use-single-flight.ts';
import { zodRule } from '../../../lib/zod-rule.ts';
import type { Role } from '../../auth/auth.api.ts';
import { orgApi, orgKeys, type User } from '../org.api.ts';
import { RoleCheckboxes } from './role-checkboxes.tsx';
import { UnitTreeSelect } from './unit-tree-select.tsx';

interface Values {
  username: string;
  name: string;
  unitId: string;
  roles: Role[];
  password: string;
}

/** Creates an account (with an initial password to hand over), or edits name and unit. */
export function UserFormDialog({
  open,
  user,
  defaultUnitId,
  onClose,
  onCreated,
}: {
  open: boolean;
  user?: User;
  defaultUnitId?: string;
  onClose: () => void;
  onCreated?: (user: User, password: string) => void;
}) {
  const me = useSession();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [key, renewKey] = useIdempotencyKey();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ name: user.name, unitId: user.unitId });
    else form.setFieldsValue({ unitId: defaultUnitId ?? me.unitId, roles: [], password: generatePassword() });
  }, [open, user, form, defaultUnitId, me.unitId]);

  const save = useMutation({
    meta: { silent: true },
    mutationFn: (v: Values) =>
      user
        ? orgApi.updateUser(user.id, { name: v.name.trim(), unitId: v.unitId })
        : orgApi.createUser(
            {
              username: v.username.trim(),
              name: v.name.trim(),
              unitId: v.unitId,
              roles: v.roles,
              password: v.password,
            },
            key,
          ),
    onSuccess: (saved, v) => {
      renewKey();
      void queryClient.invalidateQueries({ queryKey: orgKeys.users });
      if (!user) onCreated?.(saved, v.password);
      onClose();
    },
  });
  const submit = useSingleFlight((v: Values) => save.mutateAsync(v));
  const resetSave = save.reset;
  useEffect(() => {
    if (open) resetSave();
  }, [open, resetSave]);

  return (
    <Modal
      open={open}
      title={user ? t('users.editTitle') : t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      width={560}
    >
      {save.isError && (
        <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 16 }} />
      )}
      <Form
        name={user ? 'user-edit' : 'user-create'}
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
      >
        {!user && (
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[
              { required: true, message: t('users.usernameRequired') },
              zodRule(CreateUserBody.shape.username),
            ]}
            extra={t('users.usernamePattern')}
          >
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('users.name')}
          rules={[
            { required: true, whitespace: true, message: t('users.nameRequired') },
            zodRule(CreateUserBody.shape.name),
          ]}
        >
          <Input maxLength={60} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('users.unit')}
          rules={[{ required: true, message: t('users.unitRequired') }]}
        >
          <UnitTreeSelect />
        </Form.Item>
        {!user && (
          <>
            <Form.Item
              name="roles"
              label={t('users.roles')}
              rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
            >
              <RoleCheckboxes grantable={me.abilities.grantableRoles} />
            </Form.Item>
            <Form.Item label={t('users.initialPassword')} extra={t('users.initialPasswordHelp')} required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item
                  name="password"
                  noStyle
                  rules={[
                    { required: true, message: t('password.newRequired') },
                    {
                      validator: async (_r, value: string | undefined) => {
                        const issues = value ? passwordIssues(value) : [];
                        if (issues.length) throw new Error(issues.map((k) => t(k)).join('；'));
                      },
                    },
                  ]}
                >
                  <Input className="secret-text" autoComplete="off" maxLength={256} />
                </Form.Item>
                <Button
                  icon={<ThunderboltOutlined />}
                  onClick={() => form.setFieldValue('password', generatePassword())}
                >
                  {t('users.generate')}
                </Button>
              </Space.Compact>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
