import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Empty, Form, Input, List, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { chinaToday } from '../../petitions/petition-view.ts';
import { type Appointment, receptionKeys, receptionsApi, type Slot } from '../receptions.api.ts';
import { useReceptionsText } from '../receptions.i18n.ts';
import { ArriveDialog } from './arrive-dialog.tsx';

const STATUS_COLOR = { booked: 'blue', attended: 'green', no_show: 'default' } as const;

/** A slot: its appointments (phones masked) with 到访/未到, and a phone booking form. */
export function SlotDrawer({
  slot,
  onClose,
  phone,
}: {
  slot: Slot | null;
  onClose: () => void;
  phone: boolean;
}) {
  const rt = useReceptionsText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [key, renew] = useIdempotencyKey();
  const [arriving, setArriving] = useState<Appointment | null>(null);
  const appointments = useQuery({
    queryKey: receptionKeys.appointments(slot?.id ?? ''),
    queryFn: () => receptionsApi.appointments((slot as Slot).id),
    enabled: slot !== null,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: receptionKeys.all });
  const book = useMutation({
    mutationFn: (v: { name: string; phone: string; topic: string }) =>
      receptionsApi.book({ slotId: (slot as Slot).id, ...v }, key),
    onSuccess: (r) => {
      message.success(rt('appt.booked', { code: r.code }));
      renew();
      form.resetFields();
      void refresh();
    },
  });
  const noShow = useMutation({
    mutationFn: (id: string) => receptionsApi.noShow(id),
    onSuccess: () => {
      message.success(rt('appt.noShowDone'));
      void refresh();
    },
  });
  const dayCome = slot !== null && slot.date <= chinaToday();
  const required = [{ required: true, message: rt('common.required') }];
  return (
    <Drawer
      open={slot !== null}
      onClose={onClose}
      size={phone ? '100%' : 560}
      title={
        slot && (
          <span>
            {slot.date} {slot.start}–{slot.end} · {slot.leaderName}
          </span>
        )
      }
      destroyOnHidden
    >
      {slot && (
        <div className="rcp-drawer" data-testid="slot-drawer">
          <p className="muted">
            {slot.unitName} · {slot.place} ·{' '}
            {rt('cal.places', { booked: slot.booked, capacity: slot.capacity })}
          </p>
          <h3>{rt('slot.appointments')}</h3>
          <List
            loading={appointments.isPending}
            dataSource={appointments.data?.items ?? []}
            locale={{ emptyText: <Empty description={rt('slot.noAppointments')} /> }}
            renderItem={(a) => (
              <List.Item
                data-testid="appointment"
                actions={
                  a.status === 'booked' && dayCome
                    ? [
                        <Button key="arrive" type="primary" size="small" onClick={() => setArriving(a)}>
                          {rt('appt.arrive')}
                        </Button>,
                        <Popconfirm
                          key="no-show"
                          title={rt('appt.noShowConfirm', { name: a.name })}
                          onConfirm={() => noShow.mutate(a.id)}
                        >
                          <Button size="small">{rt('appt.noShow')}</Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <span>{a.name}</span>
                      <span className="rcp-mono">{a.phone}</span>
                      <Tag variant="filled">{rt(`appt.channel.${a.channel}`)}</Tag>
                      <Tag color={STATUS_COLOR[a.status]}>{rt(`appt.status.${a.status}`)}</Tag>
                    </Space>
                  }
                  description={
                    <>
                      <div>{a.topic}</div>
                      <div className="muted rcp-mono">
                        {rt('appt.code')} {a.code}
                      </div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
          {slot.remaining > 0 && (
            <>
              <h3>{rt('appt.phoneBooking')}</h3>
              <Form
                form={form}
                layout="vertical"
                onFinish={(v) => book.mutate(v)}
                data-testid="phone-booking"
              >
                <div className="rcp-row">
                  <Form.Item name="name" label={rt('appt.name')} rules={required}>
                    <Input maxLength={60} />
                  </Form.Item>
                  <Form.Item
                    name="phone"
                    label={rt('appt.phone')}
                    rules={[...required, { pattern: /^1[3-9]\d{9}$/, message: rt('appt.phoneInvalid') }]}
                  >
                    <Input maxLength={11} inputMode="tel" />
                  </Form.Item>
                </div>
                <Form.Item name="topic" label={rt('appt.topic')} rules={required}>
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={book.isPending}>
                  {rt('appt.book')}
                </Button>
              </Form>
            </>
          )}
          <ArriveDialog appointment={arriving} unitId={slot.unitId} onClose={() => setArriving(null)} />
        </div>
      )}
    </Drawer>
  );
}
