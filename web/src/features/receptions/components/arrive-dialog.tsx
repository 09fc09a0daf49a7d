import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { type Appointment, type Reception, receptionKeys, receptionsApi } from '../receptions.api.ts';
import { useReceptionsText } from '../receptions.i18n.ts';
import { type CaseMode, CaseModeField, CasePicker, NewCaseFields, petitionFromForm } from './case-fields.tsx';
import { RequiredLeaderHint } from './required-leader-hint.tsx';

/** 到访: the citizen of an appointment came; log the visit and register or join the case. */
export function ArriveDialog({
  appointment,
  unitId,
  onClose,
}: {
  appointment: Appointment | null;
  unitId: string;
  onClose: () => void;
}) {
  const rt = useReceptionsText();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [key, renew] = useIdempotencyKey();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<Reception | null>(null);
  const mode = (Form.useWatch('caseMode', form) ?? 'new') as CaseMode;
  const people = Form.useWatch('peopleCount', form) ?? 1;
  const petitionId = Form.useWatch('petitionId', form) as string | undefined;
  const arrive = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      receptionsApi.arrive(
        (appointment as Appointment).id,
        {
          peopleCount: Number(v.peopleCount ?? 1),
          note: (v.note as string | undefined) ?? '',
          ...(mode === 'existing' ? { petitionId: v.petitionId as string } : {}),
          ...(mode === 'new'
            ? { petition: petitionFromForm(v.petition as Record<string, unknown>) as never }
            : {}),
        },
        key,
      ),
    onSuccess: (r) => {
      message.success(rt('arrive.done'));
      renew();
      void queryClient.invalidateQueries({ queryKey: receptionKeys.all });
      if (r.createdPetition) setDone(r);
      else close();
    },
  });
  const close = () => {
    setDone(null);
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={appointment !== null}
      title={appointment ? rt('arrive.title', { name: appointment.name }) : ''}
      onCancel={close}
      onOk={() => (done ? close() : form.submit())}
      okText={done ? rt('common.close') : rt('appt.arrive')}
      cancelButtonProps={done ? { style: { display: 'none' } } : undefined}
      confirmLoading={arrive.isPending}
      destroyOnHidden
    >
      {done?.createdPetition ? (
        <Alert
          type="success"
          showIcon
          data-testid="arrive-result"
          title={rt('visit.createdCase', {
            number: done.createdPetition.number,
            code: done.createdPetition.queryCode,
          })}
          description={<Link to={`/petitions/${done.createdPetition.id}`}>{rt('visit.openCase')}</Link>}
        />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => arrive.mutate(v)}
          initialValues={{ peopleCount: 1 }}
        >
          {appointment && <p className="muted rcp-topic">{appointment.topic}</p>}
          <Form.Item name="peopleCount" label={rt('visit.people')}>
            <InputNumber min={1} max={100000} precision={0} />
          </Form.Item>
          <RequiredLeaderHint
            unitId={unitId}
            peopleCount={Number(people) || 1}
            petitionId={mode === 'existing' ? petitionId : undefined}
          />
          <CaseModeField />
          {mode === 'new' && <NewCaseFields fromAppointment />}
          {mode === 'existing' && <CasePicker />}
          <Form.Item name="note" label={rt('visit.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
