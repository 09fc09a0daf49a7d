import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useI18n } from '../../../i18n/i18n.tsx';
import { passwordIssues } from '../../../lib/password.ts';
import { authApi } from '../../auth/auth.api.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current password, new password twice, with the 等保 policy stated before the user types. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: authApi.changePassword,
    meta: { silent: true },
    onSuccess: () => {
      form.resetFields();
      onDone();
    },
  });
  return (
    <Form
      name="change-password"
      form={form}
      layout="vertical"
      requiredMark={false}
      style={{ maxWidth: 420 }}
      onFinish={(v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
    >
      <Alert type="info" showIcon title={t('password.policy')} style={{ marginBottom: 20 }} />
      {change.isError && (
        <Alert type="error" showIcon title={change.error.message} style={{ marginBottom: 20 }} />
      )}
      <Form.Item
        name="currentPassword"
        label={t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
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
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.newRequired') },
          ({ getFieldValue }) => ({
            validator: async (_r, value) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
