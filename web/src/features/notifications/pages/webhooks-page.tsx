import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header.tsx';
import { newIdempotencyKey } from '../../../lib/http.ts';
import { SupervisionSettingsCard } from '../../supervision/components/settings-card.tsx';
import { notificationKeys, notificationsApi, type Webhook, type WebhookInput } from '../notifications.api.ts';
import { useNotificationsText } from '../notifications.i18n.ts';
import '../notifications.css';

const STATUS_COLOR = { pending: 'gold', delivered: 'green', failed: 'red' } as const;

/** 消息推送: a unit administrator's DingTalk / WeCom robots, and the latest outgoing messages. */
export function WebhooksPage() {
  const nt = useNotificationsText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const [form] = Form.useForm<WebhookInput>();
  const kind = Form.useWatch('kind', form);
  const hooks = useQuery({ queryKey: notificationKeys.webhooks, queryFn: notificationsApi.webhooks });
  const outbox = useQuery({ queryKey: notificationKeys.outbox, queryFn: notificationsApi.outbox });
  const units = useQuery({
    queryKey: notificationKeys.units,
    queryFn: notificationsApi.units,
    enabled: adding,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.webhooks });
  const create = useMutation({
    mutationFn: (v: WebhookInput) =>
      notificationsApi.createWebhook({ ...v, secret: v.secret || undefined }, key),
    onSuccess: () => {
      message.success(nt('hooks.created'));
      setAdding(false);
      setKey(newIdempotencyKey());
      form.resetFields();
      refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (w: Webhook) => notificationsApi.updateWebhook(w.id, { active: !w.active }),
    onSuccess: () => {
      message.success(nt('hooks.updated'));
      refresh();
    },
  });
  const required = (field: string) => [{ required: true, message: nt('hooks.required', { field }) }];
  return (
    <div>
      <PageHeader
        title={nt('hooks.title')}
        subtitle={nt('hooks.subtitle')}
        extra={
          <Button type="primary" onClick={() => setAdding(true)}>
            {nt('hooks.add')}
          </Button>
        }
      />
      <Card>
        <List
          loading={hooks.isPending}
          dataSource={hooks.data?.items ?? []}
          locale={{ emptyText: <Empty description={nt('hooks.empty')} /> }}
          renderItem={(w) => (
            <List.Item
              actions={[
                <Button key="toggle" size="small" onClick={() => toggle.mutate(w)} loading={toggle.isPending}>
                  {w.active ? nt('hooks.disable') : nt('hooks.enable')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <span>{w.name}</span>
                    <Tag>{nt(w.kind === 'dingtalk' ? 'hooks.kind.dingtalk' : 'hooks.kind.wecom')}</Tag>
                    {w.hasSecret && <Tag color="blue">{nt('hooks.signed')}</Tag>}
                    <Tag color={w.active ? 'green' : 'default'}>
                      {w.active ? nt('hooks.active') : nt('hooks.inactive')}
                    </Tag>
                  </Space>
                }
                description={
                  <Space wrap size={6}>
                    <span>{w.unitName}</span>
                    <code style={{ wordBreak: 'break-all' }}>{w.urlMasked}</code>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {units.data && <SupervisionSettingsCard units={units.data.items} />}
      <Card title={nt('hooks.outbox')} style={{ marginTop: 16 }}>
        <List
          size="small"
          loading={outbox.isPending}
          dataSource={outbox.data?.items ?? []}
          renderItem={(o) => (
            <List.Item>
              <Space wrap size={6}>
                <Tag color={STATUS_COLOR[o.status]}>{nt(`hooks.status.${o.status}`)}</Tag>
                <span>{o.summary}</span>
                <span className="ntf-time">
                  {o.createdAt.slice(0, 16).replace('T', ' ')} · {nt('hooks.attempts', { n: o.attempts })}
                </span>
                {o.lastError && o.status !== 'delivered' && <span className="ntf-time">{o.lastError}</span>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={adding}
        title={nt('hooks.add')}
        okText={nt('common.save')}
        cancelText={nt('common.cancel')}
        confirmLoading={create.isPending}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'dingtalk' }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="unitId" label={nt('hooks.unit')} rules={required(nt('hooks.unit'))}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={units.isPending}
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="kind" label={nt('hooks.kind')}>
            <Select
              options={[
                { value: 'dingtalk', label: nt('hooks.kind.dingtalk') },
                { value: 'wecom', label: nt('hooks.kind.wecom') },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label={nt('hooks.name')} rules={required(nt('hooks.name'))}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="url" label={nt('hooks.url')} rules={required(nt('hooks.url'))}>
            <Input placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" />
          </Form.Item>
          {kind === 'dingtalk' && (
            <Form.Item name="secret" label={nt('hooks.secret')}>
              <Input.Password autoComplete="off" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
