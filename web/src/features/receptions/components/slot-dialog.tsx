import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { UnitTreeSelect } from '../../org/components/unit-tree-select.tsx';
import { chinaToday } from '../../petitions/petition-view.ts';
import { receptionKeys, receptionsApi } from '../receptions.api.ts';
import { useReceptionsText } from '../receptions.i18n.ts';
import { LeaderSelect } from './leader-select.tsx';

interface SlotForm {
  unitId: string;
  leaderId: string;
  date: Dayjs;
  start: Dayjs;
  end: Dayjs;
  place: string;
  capacity: number;
}

/** 安排接访: a leader's reception slot with date, time, place and places. */
export function SlotDialog({
  open,
  onClose,
  unitId,
  date,
}: {
  open: boolean;
  onClose: () => void;
  unitId?: string;
  date?: string;
}) {
  const rt = useReceptionsText();
  const { message } = App.useApp();
  const [form] = Form.useForm<SlotForm>();
  const [key, renew] = useIdempotencyKey();
  const queryClient = useQueryClient();
  const chosenUnit = Form.useWatch('unitId', form);
  const save = useMutation({
    mutationFn: (v: SlotForm) =>
      receptionsApi.createSlot(
        {
          unitId: v.unitId,
          leaderId: v.leaderId,
          date: v.date.format('YYYY-MM-DD'),
          start: v.start.format('HH:mm'),
          end: v.end.format('HH:mm'),
          place: v.place,
          capacity: v.capacity,
        },
        key,
      ),
    onSuccess: () => {
      message.success(rt('slot.created'));
      renew();
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: receptionKeys.all });
      onClose();
    },
  });
  const required = (field: string) => [{ required: true, message: rt('slot.required', { field }) }];
  return (
    <Modal
      open={open}
      title={rt('slot.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={rt('common.submit')}
      cancelText={rt('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          unitId,
          date: dayjs(date ?? chinaToday()),
          start: dayjs('09:00', 'HH:mm'),
          end: dayjs('11:30', 'HH:mm'),
          capacity: 10,
        }}
        data-testid="slot-form"
      >
        <Form.Item name="unitId" label={rt('cal.unit')} rules={required(rt('cal.unit'))}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="leaderId" label={rt('slot.leader')} rules={required(rt('slot.leader'))}>
          <LeaderSelect unitId={chosenUnit} />
        </Form.Item>
        <div className="rcp-row">
          <Form.Item name="date" label={rt('slot.date')} rules={required(rt('slot.date'))}>
            <DatePicker
              disabledDate={(d) => d.format('YYYY-MM-DD') < chinaToday()}
              allowClear={false}
              inputReadOnly
            />
          </Form.Item>
          <Form.Item name="start" label={rt('slot.start')} rules={required(rt('slot.start'))}>
            <TimePicker format="HH:mm" minuteStep={5} allowClear={false} inputReadOnly />
          </Form.Item>
          <Form.Item name="end" label={rt('slot.end')} rules={required(rt('slot.end'))}>
            <TimePicker format="HH:mm" minuteStep={5} allowClear={false} inputReadOnly />
          </Form.Item>
        </div>
        <Form.Item name="place" label={rt('slot.place')} rules={required(rt('slot.place'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="capacity" label={rt('slot.capacity')} rules={required(rt('slot.capacity'))}>
          <InputNumber min={1} max={200} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
