import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Modal, Segmented, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { type ReturnVisit, receptionKeys, receptionsApi } from '../receptions.api.ts';
import { useReceptionsText } from '../receptions.i18n.ts';
import '../receptions.css';

const OUTCOMES = ['resolved', 'explained', 'unresolved', 'unreachable'] as const;

/** 回访任务: return visits after a dissatisfied evaluation, by deadline; record the outcome on the case. */
export function ReturnVisitsPage() {
  const rt = useReceptionsText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [recording, setRecording] = useState<ReturnVisit | null>(null);
  const [form] = Form.useForm<{ outcome: string; note: string }>();
  const list = useQuery({
    queryKey: receptionKeys.returnVisits(status),
    queryFn: () => receptionsApi.returnVisits(status),
  });
  const complete = useMutation({
    mutationFn: (v: { outcome: string; note: string }) =>
      receptionsApi.completeReturnVisit((recording as ReturnVisit).id, v),
    onSuccess: () => {
      message.success(rt('rv.recorded'));
      setRecording(null);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['return-visits'] });
    },
  });
  return (
    <div className="rcp-page">
      <PageHeader title={rt('rv.title')} subtitle={rt('rv.subtitle')} />
      <Card
        title={
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as 'open' | 'done')}
            options={[
              { value: 'open', label: rt('rv.open') },
              { value: 'done', label: rt('rv.done') },
            ]}
          />
        }
      >
        <List
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={rt('rv.none')} /> }}
          renderItem={(r) => (
            <List.Item
              data-testid="return-visit"
              actions={
                r.status === 'open' && r.abilities.complete
                  ? [
                      <Button key="record" type="primary" size="small" onClick={() => setRecording(r)}>
                        {rt('rv.record')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <Link to={`/petitions/${r.petitionId}`}>{r.petitionNumber}</Link>
                    <span>{r.petitionTitle}</span>
                  </Space>
                }
                description={
                  <div className="rcp-rv">
                    <Space wrap size={6}>
                      <Tag color="red" variant="filled">
                        {r.ratingLabel}
                      </Tag>
                      <span>
                        {rt('rv.due')} {r.due}
                      </span>
                      {r.overdue && <Tag color="red">{rt('rv.overdue')}</Tag>}
                      <span className="muted">{r.unitName}</span>
                    </Space>
                    {r.comment && (
                      <div>
                        {rt('rv.comment')}：{r.comment}
                      </div>
                    )}
                    {r.outcomeLabel && (
                      <div>
                        {rt('rv.outcome')}：{r.outcomeLabel}
                        {r.note ? `（${r.note}）` : ''} · {r.completedByName}
                      </div>
                    )}
                  </div>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={recording !== null}
        title={recording ? `${rt('rv.record')}：${recording.petitionNumber}` : ''}
        onCancel={() => setRecording(null)}
        onOk={() => form.submit()}
        okText={rt('common.submit')}
        cancelText={rt('common.cancel')}
        confirmLoading={complete.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => complete.mutate(v)}>
          <Form.Item
            name="outcome"
            label={rt('rv.outcome')}
            rules={[{ required: true, message: rt('common.required') }]}
          >
            <Select options={OUTCOMES.map((o) => ({ value: o, label: rt(`rv.outcome.${o}`) }))} />
          </Form.Item>
          <Form.Item
            name="note"
            label={rt('rv.note')}
            rules={[{ required: true, message: rt('common.required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
