import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { LeadershipGroupDrawer } from '../components/leadership-group-drawer.tsx';
import { UnitTreeSelect } from '../components/unit-tree-select.tsx';
import { type LeadershipGroup, orgApi, orgKeys, POSITIONS, type Position } from '../org.api.ts';

function GroupCard({ group, onEdit }: { group: LeadershipGroup; onEdit: () => void }) {
  const { t } = useI18n();
  const byPosition = (p: Position) => group.members.filter((m) => m.position === p);
  return (
    <Card
      className="group-card"
      title={group.title}
      extra={
        group.abilities.edit && (
          <Button type="link" icon={<EditOutlined />} onClick={onEdit}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      {group.campaign && (
        <Tag color="red" variant="outlined" style={{ marginBottom: 12 }}>
          {group.campaign}
        </Tag>
      )}
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 112, whiteSpace: 'nowrap', color: '#6b7585' } }}
        items={POSITIONS.filter((p) => byPosition(p).length > 0).map((p) => ({
          key: p,
          label: t(`position.${p}`),
          children: byPosition(p)
            .map((m) => m.name)
            .join('、'),
        }))}
      />
      <div className="section-title" style={{ marginTop: 12 }}>
        {t('lg.workGroups')}
      </div>
      {group.workGroups.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('lg.noWorkGroups')}
        </p>
      ) : (
        <div className="work-groups">
          {group.workGroups.map((w) => (
            <div key={w.id} className="work-group">
              <h4>{w.name}</h4>
              {w.duties && <p>{w.duties}</p>}
              {w.members.length > 0 && (
                <div style={{ fontSize: 13 }}>
                  <span className="muted">{t('lg.workGroupMembers')}：</span>
                  {w.members.map((m) => m.name).join('、')}
                </div>
              )}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

/** Leadership groups (领导小组) of a unit, with their members and work groups. */
export function LeadershipGroupsPage() {
  const me = useSession();
  const { t } = useI18n();
  const [unitId, setUnitId] = useState(me.unitId);
  const [editing, setEditing] = useState<LeadershipGroup | 'new' | null>(null);
  const groups = useQuery({ queryKey: [...orgKeys.groups, unitId], queryFn: () => orgApi.groups(unitId) });

  return (
    <div>
      <PageHeader
        title={t('lg.title')}
        subtitle={t('lg.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('lg.create')}
          </Button>
        }
      />
      <div className="filter-bar">
        <span className="muted">{t('lg.unit')}</span>
        <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v ?? me.unitId)} className="w-lg" />
      </div>
      {groups.isError && <Alert type="error" showIcon title={groups.error.message} />}
      {groups.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : groups.data?.items.length ? (
        <Row gutter={[16, 16]}>
          {groups.data.items.map((g) => (
            <Col key={g.id} xs={24} xl={groups.data.items.length > 1 ? 12 : 24}>
              <GroupCard group={g} onEdit={() => setEditing(g)} />
            </Col>
          ))}
        </Row>
      ) : (
        <Card>
          <Empty description={t('lg.empty')}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('lg.create')}
            </Button>
          </Empty>
        </Card>
      )}
      <LeadershipGroupDrawer
        open={editing !== null}
        unitId={unitId}
        group={editing && editing !== 'new' ? editing : undefined}
        onClose={() => setEditing(null)}
      />
    </div>
  );
}
