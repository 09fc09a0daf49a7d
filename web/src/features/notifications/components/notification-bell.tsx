import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type Notification, notificationKeys, notificationsApi } from '../notifications.api.ts';
import { useNotificationsText } from '../notifications.i18n.ts';
import '../notifications.css';

/** The bell in the staff header: the unread count (refreshed every minute) and the latest unread reminders. */
export function NotificationBell() {
  const nt = useNotificationsText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const count = useQuery({
    queryKey: notificationKeys.unread,
    queryFn: notificationsApi.unreadCount,
    refetchInterval: 60_000,
  });
  const latest = useQuery({
    queryKey: notificationKeys.list({ bell: true }),
    queryFn: () => notificationsApi.list({ unread: true, pageSize: 6 }),
    enabled: open,
  });
  const read = useMutation({
    mutationFn: (n: Notification) => notificationsApi.read(n.id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
  const n = count.data?.count ?? 0;
  const openItem = (item: Notification) => {
    read.mutate(item);
    setOpen(false);
    if (item.link) navigate(item.link);
  };
  const content = (
    <div className="ntf-popover">
      <List
        size="small"
        loading={latest.isPending}
        dataSource={latest.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={nt('bell.none')} /> }}
        renderItem={(item) => (
          <List.Item className="ntf-popover-item" onClick={() => openItem(item)} data-testid="bell-item">
            <List.Item.Meta
              title={<span className="ntf-title">{item.title}</span>}
              description={<Typography.Text type="secondary">{item.body}</Typography.Text>}
            />
          </List.Item>
        )}
      />
      <Button
        type="link"
        block
        onClick={() => {
          setOpen(false);
          navigate('/notifications');
        }}
      >
        {nt('bell.all')}
      </Button>
    </div>
  );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={content}
      title={n ? nt('bell.unread', { count: n }) : nt('bell.none')}
    >
      <Button
        type="text"
        className="header-button"
        aria-label={n ? nt('bell.unread', { count: n }) : nt('bell.label')}
        data-testid="notification-bell"
      >
        <Badge count={n} size="small" overflowCount={99}>
          <BellOutlined className="ntf-bell-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}
