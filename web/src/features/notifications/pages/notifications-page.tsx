import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, List, Pagination, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { type Notification, notificationKeys, notificationsApi } from '../notifications.api.ts';
import { useNotificationsText } from '../notifications.i18n.ts';
import '../notifications.css';

const PAGE_SIZE = 20;

/** 我的提醒: my notifications, unread first; opening one marks it read and goes to what it is about. */
export function NotificationsPage() {
  const nt = useNotificationsText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useQuery({
    queryKey: notificationKeys.list({ page, unreadOnly }),
    queryFn: () => notificationsApi.list({ page, pageSize: PAGE_SIZE, unread: unreadOnly }),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const read = useMutation({
    mutationFn: (n: Notification) => notificationsApi.read(n.id),
    onSettled: refresh,
  });
  const readAll = useMutation({
    mutationFn: notificationsApi.readAll,
    onSuccess: (r) => message.success(nt('list.readAllDone', { count: r.updated })),
    onSettled: refresh,
  });
  const open = (n: Notification) => {
    if (!n.readAt) read.mutate(n);
    if (n.link) navigate(n.link);
  };
  return (
    <div>
      <PageHeader
        title={nt('list.title')}
        subtitle={nt('list.subtitle')}
        extra={
          <Space wrap>
            <Space size={6}>
              <Switch
                checked={unreadOnly}
                onChange={(v) => {
                  setUnreadOnly(v);
                  setPage(1);
                }}
                aria-label={nt('list.unreadOnly')}
              />
              <span>{nt('list.unreadOnly')}</span>
            </Space>
            <Button
              onClick={() => readAll.mutate()}
              loading={readAll.isPending}
              disabled={!list.data?.unread}
            >
              {nt('list.readAll')}
            </Button>
          </Space>
        }
      />
      <Card>
        <List
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={nt('list.empty')} /> }}
          renderItem={(n) => (
            <List.Item
              className={`ntf-item${n.readAt ? '' : ' ntf-item-unread'}`}
              data-testid="notification"
              onClick={() => open(n)}
              actions={[
                <span key="t" className="ntf-time">
                  {n.createdAt.slice(0, 16).replace('T', ' ')}
                </span>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <span className="ntf-title">{n.title}</span>
                    {!n.readAt && <Tag color="red">{nt('list.unread')}</Tag>}
                  </Space>
                }
                description={n.body}
              />
            </List.Item>
          )}
        />
        {(list.data?.total ?? 0) > PAGE_SIZE && (
          <Pagination
            style={{ marginTop: 16, textAlign: 'right' }}
            current={page}
            pageSize={PAGE_SIZE}
            total={list.data?.total}
            onChange={setPage}
            showSizeChanger={false}
          />
        )}
      </Card>
    </div>
  );
}
