import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Modal, Result, Skeleton, Space, Steps } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { supervisionApi, supervisionKeys } from '../supervision.api.ts';
import { useSupervisionText } from '../supervision.i18n.ts';
import '../supervision.css';
import { NoticeTags } from './notices-page.tsx';

/** One 督办单: the case, reason, reply date, the steps of its ladder, the leader's reply form and closing. */
export function NoticePage() {
  const { id = '' } = useParams();
  const st = useSupervisionText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  const [form] = Form.useForm<{ text: string }>();
  const q = useQuery({ queryKey: supervisionKeys.one(id), queryFn: () => supervisionApi.get(id) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
  const reply = useMutation({
    mutationFn: (text: string) => supervisionApi.reply(id, text),
    onSuccess: () => {
      message.success(st('detail.replied'));
      form.resetFields();
      refresh();
    },
  });
  const close = useMutation({
    mutationFn: () => supervisionApi.close(id, note.trim() || undefined),
    onSuccess: () => {
      message.success(st('detail.closed'));
      setClosing(false);
      refresh();
    },
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError)
    return (
      <Result
        status="404"
        title={q.error.message}
        extra={<Link to="/supervision">{st('detail.back')}</Link>}
      />
    );
  const n = q.data;
  const current = n.steps.findIndex((s) => s.id === n.id);
  return (
    <div>
      <PageHeader
        title={
          <Space wrap size={8}>
            <span>{n.number}</span>
            <NoticeTags n={n} />
          </Space>
        }
        subtitle={<Link to="/supervision">{st('detail.back')}</Link>}
        extra={
          <Space wrap>
            <Button href={`/api/v1/supervision/notices/${encodeURIComponent(n.id)}/document`} download>
              {st('detail.download')}
            </Button>
            {n.abilities.close && (
              <Button onClick={() => setClosing(true)} data-testid="close-notice">
                {st('detail.close')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={st('detail.case')}>
            <Link to={`/petitions/${n.petitionId}`}>{n.petitionNumber}</Link>
            <span style={{ marginLeft: 8 }}>{n.petitionTitle}</span>
          </Descriptions.Item>
          <Descriptions.Item label={st('list.replyDue')}>{n.replyDue}</Descriptions.Item>
          <Descriptions.Item label={st('detail.reason')} span={2}>
            {n.reason}
          </Descriptions.Item>
          <Descriptions.Item label={st('list.issuedTo')}>
            {n.issuedTo?.name ?? st('list.nobody')}
          </Descriptions.Item>
          <Descriptions.Item label={st('detail.responsible')}>{n.responsibleUnit.name}</Descriptions.Item>
          <Descriptions.Item label={st('detail.issuing')}>{n.issuingUnit.name}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={st('detail.ladder')} style={{ marginTop: 16 }}>
        <Steps
          size="small"
          current={current}
          responsive
          items={n.steps.map((s) => ({
            title: s.levelLabel,
            description: (
              <span>
                {s.number} · {s.statusLabel} · {st('list.replyDue')} {s.replyDue}
              </span>
            ),
          }))}
        />
      </Card>
      <Card title={st('detail.reply')} style={{ marginTop: 16 }}>
        {n.replyText ? (
          <div>
            <p className="sup-reply" data-testid="reply-text">
              {n.replyText}
            </p>
            <div className="sup-meta">
              {st('detail.repliedAt')} {n.repliedAt?.slice(0, 16).replace('T', ' ')}
            </div>
          </div>
        ) : n.abilities.reply ? (
          <Form form={form} layout="vertical" onFinish={(v) => reply.mutate(v.text)}>
            <Form.Item
              name="text"
              label={st('detail.reply')}
              rules={[
                { required: true, message: st('detail.replyRequired') },
                { min: 5, message: st('detail.replyPlaceholder') },
              ]}
            >
              <Input.TextArea
                rows={5}
                maxLength={5000}
                showCount
                placeholder={st('detail.replyPlaceholder')}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={reply.isPending} data-testid="submit-reply">
              {st('detail.replySubmit')}
            </Button>
          </Form>
        ) : (
          <span className="sup-meta">—</span>
        )}
        {n.closeNote && <p className="sup-reply">{n.closeNote}</p>}
      </Card>
      <Modal
        open={closing}
        title={st('detail.close')}
        okText={st('detail.close')}
        cancelText={st('common.cancel')}
        confirmLoading={close.isPending}
        onOk={() => close.mutate()}
        onCancel={() => setClosing(false)}
      >
        <Input.TextArea
          rows={3}
          maxLength={1000}
          placeholder={st('detail.closeNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </div>
  );
}
