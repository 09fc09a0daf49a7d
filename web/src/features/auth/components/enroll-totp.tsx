import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { authApi } from '../auth.api.ts';
import { RecoveryCodes } from './recovery-codes.tsx';

/**
 * TOTP enrolment (RFC 6238): scan the QR code or type the key, prove it with a code, then keep
 * the recovery codes. Used after login and from "my account".
 */
export function EnrollTotp({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [codes, setCodes] = useState<string[] | null>(null);
  const enrollment = useQuery({
    queryKey: ['second-factor', 'enroll'],
    queryFn: authApi.enroll,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });
  const activate = useMutation({
    mutationFn: authApi.activate,
    meta: { silent: true },
    onSuccess: (r) => setCodes(r.recoveryCodes),
  });

  if (codes) return <RecoveryCodes codes={codes} onSaved={onDone} />;
  return (
    <div>
      <h1>{t('twofa.enrollTitle')}</h1>
      <p className="auth-sub">{t('twofa.enrollIntro')}</p>
      {enrollment.isPending && <Skeleton.Image active style={{ width: 180, height: 180 }} />}
      {enrollment.isError && <Alert type="error" showIcon title={enrollment.error.message} />}
      {enrollment.data && (
        <>
          <div className="qr-box">
            <img src={enrollment.data.qrDataUrl} alt="TOTP QR" />
          </div>
          <p className="muted" style={{ marginBottom: 4 }}>
            {t('twofa.secret')}
          </p>
          <Typography.Paragraph copyable={{ text: enrollment.data.secret }} className="secret-text">
            {enrollment.data.secret.replace(/(.{4})(?=.)/g, '$1 ')}
          </Typography.Paragraph>
        </>
      )}
      {activate.isError && (
        <Alert type="error" showIcon title={activate.error.message} style={{ marginBottom: 16 }} />
      )}
      <Form
        name="enroll-totp"
        layout="vertical"
        requiredMark={false}
        onFinish={(v: { code: string }) => activate.mutate(v.code)}
      >
        <Form.Item
          name="code"
          label={t('twofa.code')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('twofa.codeRequired') }]}
        >
          <Input.OTP length={6} inputMode="numeric" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={activate.isPending} disabled={!enrollment.data}>
          {t('twofa.activate')}
        </Button>
      </Form>
    </div>
  );
}
