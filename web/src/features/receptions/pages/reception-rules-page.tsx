import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { UnitTreeSelect } from '../../org/components/unit-tree-select.tsx';
import { rulesApi } from '../receptions.api.ts';
import { useReceptionsText } from '../receptions.i18n.ts';
import '../receptions.css';

/** 接访规则: a unit's group-size thresholds (principal / deputy), own or inherited, set by its administrators. */
export function ReceptionRulesPage() {
  const rt = useReceptionsText();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<string>(session.unitId);
  const [form] = Form.useForm<{ principalFrom: number; deputyFrom: number }>();
  const rules = useQuery({ queryKey: ['reception-rules', unitId], queryFn: () => rulesApi.get(unitId) });
  useEffect(() => {
    if (rules.data)
      form.setFieldsValue({ principalFrom: rules.data.principalFrom, deputyFrom: rules.data.deputyFrom });
  }, [rules.data, form]);
  const save = useMutation({
    mutationFn: (v: { principalFrom: number; deputyFrom: number }) => rulesApi.put(unitId, v),
    onSuccess: () => {
      message.success(rt('rules.saved'));
      void queryClient.invalidateQueries({ queryKey: ['reception-rules'] });
      void queryClient.invalidateQueries({ queryKey: ['receptions', 'required'] });
    },
  });
  const r = rules.data;
  return (
    <div className="rcp-page">
      <PageHeader title={rt('rules.title')} subtitle={rt('rules.subtitle')} />
      <Card className="rcp-rules">
        <Form.Item label={rt('rules.unit')} layout="vertical">
          <UnitTreeSelect value={unitId} onChange={(v) => v && setUnitId(v)} />
        </Form.Item>
        <Spin spinning={rules.isFetching}>
          {r && (
            <Alert
              type={r.source === 'own' ? 'success' : 'info'}
              showIcon
              data-testid="rules-source"
              className="rcp-required"
              title={
                r.source === 'inherited'
                  ? rt('rules.source.inherited', { unit: r.fromUnitName ?? '' })
                  : rt(`rules.source.${r.source}`)
              }
            />
          )}
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => save.mutate(v)}
            disabled={!r?.abilities.edit}
            data-testid="rules-form"
          >
            <div className="rcp-row">
              <Form.Item
                name="principalFrom"
                label={rt('rules.principalFrom')}
                rules={[{ required: true, message: rt('common.required') }]}
              >
                <InputNumber min={2} max={10000} precision={0} suffix={rt('rules.people')} />
              </Form.Item>
              <Form.Item
                name="deputyFrom"
                label={rt('rules.deputyFrom')}
                dependencies={['principalFrom']}
                rules={[
                  { required: true, message: rt('common.required') },
                  ({ getFieldValue }) => ({
                    validator: (_r, v: number) =>
                      v === undefined || v < getFieldValue('principalFrom')
                        ? Promise.resolve()
                        : Promise.reject(new Error(rt('rules.order'))),
                  }),
                ]}
              >
                <InputNumber min={1} max={9999} precision={0} suffix={rt('rules.people')} />
              </Form.Item>
            </div>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {rt('rules.save')}
            </Button>
          </Form>
        </Spin>
      </Card>
    </div>
  );
}
