import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { UserSelect } from '../../org/components/user-select.tsx';
import { chinaToday } from '../../petitions/petition-view.ts';
import { petitionKeys } from '../../petitions/petitions.api.ts';
import { receptionKeys, receptionsApi } from '../receptions.api.ts';
import { useReceptionsText } from '../receptions.i18n.ts';
import '../receptions.css';

const KINDS = ['field', 'with_case', 'home'] as const;

interface FieldVisitForm {
  kind: (typeof KINDS)[number];
  on: Dayjs;
  place: string;
  visitors: string[];
  metWith: string;
  promises?: { text?: string; dueOn?: Dayjs }[];
  note?: string;
}

/** 下访记录 on the case page: field visits with their promises (done/undone), joint units, and the form. */
export function FieldVisitsCard({ petitionId, canRecord }: { petitionId: string; canRecord: boolean }) {
  const rt = useReceptionsText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FieldVisitForm>();
  const [key, renew] = useIdempotencyKey();
  const visits = useQuery({
    queryKey: receptionKeys.fieldVisits(petitionId),
    queryFn: () => receptionsApi.fieldVisits(petitionId),
  });
  const joint = useQuery({
    queryKey: receptionKeys.jointUnits(petitionId),
    queryFn: () => receptionsApi.jointUnits(petitionId),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: receptionKeys.fieldVisits(petitionId) });
    void queryClient.invalidateQueries({ queryKey: petitionKeys.one(petitionId) });
  };
  const record = useMutation({
    mutationFn: (v: FieldVisitForm) =>
      receptionsApi.recordFieldVisit(
        petitionId,
        {
          kind: v.kind,
          on: v.on.format('YYYY-MM-DD'),
          place: v.place,
          visitors: v.visitors,
          metWith: v.metWith,
          promises: (v.promises ?? [])
            .filter((p) => p.text && p.dueOn)
            .map((p) => ({ text: p.text as string, dueOn: (p.dueOn as Dayjs).format('YYYY-MM-DD') })),
          note: v.note ?? '',
        },
        key,
      ),
    onSuccess: () => {
      message.success(rt('fv.saved'));
      renew();
      form.resetFields();
      setOpen(false);
      refresh();
    },
  });
  const done = useMutation({
    mutationFn: (promiseId: string) => receptionsApi.promiseDone(petitionId, promiseId),
    onSuccess: () => {
      message.success(rt('fv.markedDone'));
      refresh();
    },
  });
  const required = [{ required: true, message: rt('common.required') }];
  const units = joint.data?.items ?? [];
  return (
    <Card
      title={rt('fv.title')}
      className="pet-card-block"
      data-testid="field-visits"
      extra={
        canRecord && (
          <Button size="small" onClick={() => setOpen(true)}>
            {rt('fv.add')}
          </Button>
        )
      }
    >
      {units.length > 0 && (
        <p className="rcp-joint">
          {rt('fv.jointUnits')}：
          {units.map((u) => (
            <Tag key={u.unitId} color={u.role === 'lead' ? 'blue' : 'default'} variant="filled">
              {u.unitName}（{rt(u.role === 'lead' ? 'fv.lead' : 'fv.co')}）
            </Tag>
          ))}
        </p>
      )}
      <List
        loading={visits.isPending}
        dataSource={visits.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={rt('fv.none')} /> }}
        renderItem={(v) => (
          <List.Item>
            <div className="rcp-fv">
              <div>
                <Tag color="geekblue" variant="filled">
                  {rt(`fv.kind.${v.kind}`)}
                </Tag>
                <strong>{v.on}</strong> · {v.place}
              </div>
              <div className="muted">
                {rt('fv.visitors')}：{v.visitors.map((p) => p.name).join('、')} · {rt('fv.metWith')}：
                {v.metWith}
              </div>
              {v.note && <div className="pet-pre">{v.note}</div>}
              {v.promises.map((p) => (
                <div key={p.id} className="rcp-promise">
                  <Space wrap size={4}>
                    <Tag color={p.done ? 'green' : p.overdue ? 'red' : 'orange'}>
                      {p.done ? rt('fv.done') : p.overdue ? rt('fv.overdue') : rt('fv.undone')}
                    </Tag>
                    <span>{p.text}</span>
                    <span className="muted">
                      {rt('fv.dueOn')} {p.dueOn}
                      {p.doneOn ? ` · ${p.doneOn}` : ''}
                    </span>
                    {!p.done && canRecord && (
                      <Button
                        size="small"
                        type="link"
                        loading={done.isPending}
                        onClick={() => done.mutate(p.id)}
                      >
                        {rt('fv.markDone')}
                      </Button>
                    )}
                  </Space>
                </div>
              ))}
            </div>
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title={rt('fv.add')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={rt('common.submit')}
        cancelText={rt('common.cancel')}
        confirmLoading={record.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => record.mutate(v)}
          initialValues={{ kind: 'with_case', on: dayjs(chinaToday()) }}
        >
          <div className="rcp-row">
            <Form.Item name="kind" label={rt('fv.kind')} rules={required}>
              <Select options={KINDS.map((k) => ({ value: k, label: rt(`fv.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="on" label={rt('fv.on')} rules={required}>
              <DatePicker
                disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()}
                allowClear={false}
                inputReadOnly
              />
            </Form.Item>
          </div>
          <Form.Item name="place" label={rt('fv.place')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="visitors" label={rt('fv.visitors')} rules={required}>
            <UserSelect multiple />
          </Form.Item>
          <Form.Item name="metWith" label={rt('fv.metWith')} rules={required}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.List name="promises">
            {(fields, { add, remove }) => (
              <fieldset className="rcp-fieldset">
                <legend>{rt('fv.promises')}</legend>
                {fields.map((f) => (
                  <div key={f.key} className="rcp-row">
                    <Form.Item name={[f.name, 'text']} label={rt('fv.promiseText')} rules={required}>
                      <Input maxLength={500} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dueOn']} label={rt('fv.dueOn')} rules={required}>
                      <DatePicker inputReadOnly />
                    </Form.Item>
                    <Button type="text" className="rcp-remove" aria-label="×" onClick={() => remove(f.name)}>
                      ×
                    </Button>
                  </div>
                ))}
                <Button type="link" size="small" onClick={() => add({})}>
                  + {rt('fv.addPromise')}
                </Button>
              </fieldset>
            )}
          </Form.List>
          <Form.Item name="note" label={rt('fv.note')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
