import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Pagination, Segmented, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { type Notice, supervisionApi, supervisionKeys } from '../supervision.api.ts';
import { useSupervisionText } from '../supervision.i18n.ts';
import '../supervision.css';

const PAGE_SIZE = 20;
const LEVEL_COLOR: Record<Notice['level'], string> = {
  supervise: 'orange',
  interview: 'volcano',
  public_notice: 'red',
  listed: 'magenta',
};
const STATUS_COLOR: Record<Notice['status'], string> = {
  open: 'gold',
  replied: 'blue',
  escalated: 'default',
  closed: 'green',
};

/** The level and status tags of a notice. */
export function NoticeTags({
  n,
}: {
  n: Pick<Notice, 'level' | 'levelLabel' | 'status' | 'statusLabel' | 'overdue'>;
}) {
  const st = useSupervisionText();
  return (
    <Space size={4} wrap>
      <Tag color={LEVEL_COLOR[n.level]}>{n.levelLabel}</Tag>
      <Tag color={STATUS_COLOR[n.status]}>{n.statusLabel}</Tag>
      {n.overdue && <Tag color="red">{st('list.overdue')}</Tag>}
    </Space>
  );
}

/** 督查督办: the notices in my scope or issued to me, open ones first. */
export function NoticesPage() {
  const st = useSupervisionText();
  const session = useSession();
  const [mine, setMine] = useState(!session.roles.includes('supervisor'));
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: supervisionKeys.list({ mine, status, page }),
    queryFn: () => supervisionApi.list({ mine, status, page, pageSize: PAGE_SIZE }),
  });
  return (
    <div>
      <PageHeader title={st('list.title')} subtitle={st('list.subtitle')} />
      <Card
        title={
          <Space wrap>
            <Segmented
              value={mine ? 'mine' : 'all'}
              onChange={(v) => {
                setMine(v === 'mine');
                setPage(1);
              }}
              options={[
                { value: 'mine', label: st('list.mine') },
                { value: 'all', label: st('list.all') },
              ]}
            />
            <Select
              allowClear
              placeholder={st('list.anyStatus')}
              aria-label={st('list.status')}
              style={{ minWidth: 120 }}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={[
                { value: 'open', label: '待答复' },
                { value: 'replied', label: '已答复' },
                { value: 'escalated', label: '已升级' },
                { value: 'closed', label: '已办结' },
              ]}
            />
          </Space>
        }
      >
        <List
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={st('list.empty')} /> }}
          renderItem={(n) => (
            <List.Item data-testid="notice">
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <Link to={`/supervision/${n.id}`} className="sup-number">
                      {n.number}
                    </Link>
                    <NoticeTags n={n} />
                    <span>{n.petitionNumber}</span>
                  </Space>
                }
                description={
                  <div>
                    <div>{n.reason}</div>
                    <div className="sup-meta">
                      <span>
                        {st('list.replyDue')} {n.replyDue}
                      </span>
                      <span>
                        {st('list.issuedTo')} {n.issuedTo?.name ?? st('list.nobody')}
                      </span>
                      <span>{n.responsibleUnit.name}</span>
                    </div>
                  </div>
                }
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
