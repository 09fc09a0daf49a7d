import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useSession } from '../../../app/session.tsx';
import { type Settings, supervisionApi, supervisionKeys } from '../supervision.api.ts';
import { useSupervisionText } from '../supervision.i18n.ts';

/** 督办设置 of a unit in scope: how many days before a deadline to remind, and the reply time of a notice. */
export function SupervisionSettingsCard({ units }: { units: { id: string; name: string }[] }) {
  const st = useSupervisionText();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState(session.unitId);
  const [form] = Form.useForm<Pick<Settings, 'remindDays' | 'replyWorkingDays'>>();
  const q = useQuery({
    queryKey: supervisionKeys.settings(unitId),
    queryFn: () => supervisionApi.settings(unitId),
  });
  useEffect(() => {
    if (q.data)
      form.setFieldsValue({ remindDays: q.data.remindDays, replyWorkingDays: q.data.replyWorkingDays });
  }, [q.data, form]);
  const save = useMutation({
    mutationFn: (v: Pick<Settings, 'remindDays' | 'replyWorkingDays'>) =>
      supervisionApi.saveSettings({ unitId, ...v }),
    onSuccess: () => {
      message.success(st('settings.saved'));
      void queryClient.invalidateQueries({ queryKey: ['supervision', 'settings'] });
    },
  });
  const source =
    q.data?.source === null
      ? st('settings.source.default')
      : q.data?.source === unitId
        ? st('settings.source.own')
        : st('settings.source.inherited');
  return (
    <Card title={st('settings.title')} style={{ marginTop: 16 }}>
      <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)} className="sup-settings">
        <Form.Item label={st('settings.unit')}>
          <Select
            style={{ minWidth: 160 }}
            value={unitId}
            onChange={setUnitId}
            showSearch
            optionFilterProp="label"
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="remindDays" label={st('settings.remindDays')} rules={[{ required: true }]}>
          <InputNumber min={0} max={30} />
        </Form.Item>
        <Form.Item name="replyWorkingDays" label={st('settings.replyDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {st('settings.save')}
          </Button>
          {q.data && <span className="sup-meta">{source}</span>}
        </Space>
      </Form>
    </Card>
  );
}
