import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useSingleFlight } from '../../../lib/use-single-flight.ts';
import { type Petition, type Petitioner, petitionsApi } from '../petitions.api.ts';

type Field = 'idNumber' | 'phone';

/**
 * The petitioners with ID numbers and phones masked; a user allowed to reveal one gives a reason
 * (audited by the server) and sees the full value in place until leaving the page.
 */
export function PetitionersCard({ petition }: { petition: Petition }) {
  const { t } = useI18n();
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<{ petitioner: Petitioner; field: Field } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const canReveal = petition.abilities.revealPersonal;

  const reveal = useMutation({
    meta: { silent: true },
    mutationFn: (v: { reason: string }) =>
      petitionsApi.reveal(petition.id, asking?.petitioner.id ?? '', {
        field: asking?.field ?? 'phone',
        reason: v.reason.trim(),
      }),
    onSuccess: (r) => {
      if (asking) setRevealed((m) => ({ ...m, [`${asking.petitioner.id}:${asking.field}`]: r.value }));
      setAsking(null);
    },
  });
  const submit = useSingleFlight((v: { reason: string }) => reveal.mutateAsync(v));
  const fieldLabel = (f: Field) => (f === 'idNumber' ? t('pet.reg.idNumber') : t('pet.reg.phone'));

  const value = (p: Petitioner, f: Field) => {
    const masked = p[f];
    if (!masked) return <span className="muted">—</span>;
    const full = revealed[`${p.id}:${f}`];
    return (
      <span className="pet-personal">
        <span className="pet-mono" data-testid={`${f}-${p.id}`}>
          {full ?? masked}
        </span>
        {canReveal && !full && (
          <Button
            type="link"
            size="small"
            icon={<EyeOutlined />}
            onClick={() => {
              reveal.reset();
              form.resetFields();
              setAsking({ petitioner: p, field: f });
            }}
          >
            {t('pet.case.reveal')}
          </Button>
        )}
      </span>
    );
  };

  return (
    <Card title={t('pet.case.petitioners')} className="pet-card-block" data-testid="petitioners">
      <ul className="pet-petitioners">
        {petition.petitioners.map((p) => (
          <li key={p.id}>
            <div className="pet-petitioner-name">
              {p.name}
              {p.isRepresentative && (
                <Tag color="blue" variant="filled">
                  {t('pet.case.representative')}
                </Tag>
              )}
            </div>
            <dl className="pet-kv">
              <dt>{t('pet.reg.idNumber')}</dt>
              <dd>{value(p, 'idNumber')}</dd>
              <dt>{t('pet.reg.phone')}</dt>
              <dd>{value(p, 'phone')}</dd>
              <dt>{t('pet.reg.address')}</dt>
              <dd>{p.address || <span className="muted">—</span>}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <Modal
        open={asking !== null}
        title={asking ? t('pet.case.revealTitle', { field: fieldLabel(asking.field) }) : ''}
        okText={t('pet.case.reveal')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        okButtonProps={{ loading: reveal.isPending }}
        onCancel={() => setAsking(null)}
        destroyOnHidden
        forceRender
      >
        {reveal.isError && (
          <Alert type="error" showIcon title={reveal.error.message} style={{ marginBottom: 16 }} />
        )}
        <p className="muted">{t('pet.case.revealHelp')}</p>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} name="petition-reveal">
          <Form.Item
            name="reason"
            label={t('pet.case.revealReason')}
            rules={[{ required: true, whitespace: true, message: t('pet.case.revealReasonRequired') }]}
          >
            <Input maxLength={200} placeholder={t('pet.case.revealReasonPlaceholder')} autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
