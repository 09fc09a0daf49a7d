import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { chinaToday } from '../../petitions/petition-view.ts';
import { type BoardItem, ownershipApi, ownershipKeys } from '../ownership.api.ts';
import { useOwnershipText } from '../ownership.i18n.ts';
import '../ownership.css';

/** One owned case on the board: red with its reason when stale. */
function BoardRow({ item }: { item: BoardItem }) {
  const ot = useOwnershipText();
  const today = chinaToday();
  const contactLate = item.nextContactOn !== null && item.nextContactOn < today;
  return (
    <List.Item className={`own-board-item${item.stale ? ' stale' : ''}`} data-testid="board-item">
      <div className="own-board-head">
        <Link to={`/petitions/${item.petitionId}`} className="pet-number">
          {item.number}
        </Link>
        <Tag>{item.statusLabel}</Tag>
        {item.stale && (
          <Tag color="red" variant="solid">
            {ot('board.stale')}
          </Tag>
        )}
      </div>
      <div className="own-board-title">
        <Link to={`/petitions/${item.petitionId}`}>{item.title}</Link>
      </div>
      {item.staleReason && (
        <div className="own-stale-reason" data-testid="stale-reason">
          {item.staleReason}
        </div>
      )}
      <div className="own-facts">
        <span>
          {ot('board.nextContact')}：
          <span className={contactLate ? 'late' : undefined}>{item.nextContactOn ?? '—'}</span>
        </span>
        <span>
          {ot('board.lastProgress')}：{item.lastProgressOn ?? ot('board.noProgress')}
        </span>
        <span>
          {ot('board.measures')}：{ot('board.measuresOpen', { open: item.openMeasures })}
          {item.overdueMeasures > 0 && (
            <span className="late">，{ot('board.measuresOverdue', { n: item.overdueMeasures })}</span>
          )}
        </span>
        <span className="muted">
          {ot('board.takenOn')}：{item.takenOn}
        </span>
      </div>
    </List.Item>
  );
}

/** 我的包案: the leader's owned cases still open, stale ones first and in red with the reason. */
export function BoardPage() {
  const ot = useOwnershipText();
  const board = useQuery({ queryKey: ownershipKeys.board(), queryFn: () => ownershipApi.board() });
  const items = board.data?.items ?? [];
  return (
    <div className="own-page">
      <PageHeader
        title={ot('board.title')}
        subtitle={ot('board.subtitle', { days: board.data?.staleAfterDays ?? 14 })}
      />
      <Card
        title={
          board.data && (
            <Space className="own-summary">
              {ot('board.count', { total: items.length, stale: items.filter((i) => i.stale).length })}
            </Space>
          )
        }
      >
        <List
          loading={board.isPending}
          dataSource={items}
          rowKey="petitionId"
          locale={{ emptyText: <Empty description={ot('board.none')} /> }}
          renderItem={(item) => <BoardRow item={item} />}
        />
      </Card>
    </div>
  );
}
