import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Calendar, Card, Grid, Segmented, Space, Spin, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { UnitTreeSelect } from '../../org/components/unit-tree-select.tsx';
import { chinaToday } from '../../petitions/petition-view.ts';
import { SlotDialog } from '../components/slot-dialog.tsx';
import { SlotDrawer } from '../components/slot-drawer.tsx';
import { receptionKeys, receptionsApi, type Slot } from '../receptions.api.ts';
import { useReceptionsText } from '../receptions.i18n.ts';
import '../receptions.css';

type View = 'month' | 'week';

/** Monday of the week of a day. */
function mondayOf(d: Dayjs): Dayjs {
  return d.subtract((d.day() + 6) % 7, 'day');
}

/** One slot as a small button: time, leader, booked/capacity. */
function SlotChip({ slot, onOpen }: { slot: Slot; onOpen: (s: Slot) => void }) {
  const rt = useReceptionsText();
  return (
    <button type="button" className="rcp-slot" onClick={() => onOpen(slot)} data-testid="slot">
      <span className="rcp-slot-time">
        {slot.start}–{slot.end}
      </span>
      <span className="rcp-slot-leader">{slot.leaderName}</span>
      <span className="rcp-slot-place">{slot.place}</span>
      {slot.remaining === 0 ? (
        <Tag color="red" variant="filled">
          {rt('cal.full')}
        </Tag>
      ) : (
        <span className="rcp-slot-places">
          {rt('cal.places', { booked: slot.booked, capacity: slot.capacity })}
        </span>
      )}
    </button>
  );
}

/** 接访安排: reception slots per unit by month or week, scheduling, appointments and arrivals. */
export function ReceptionCalendarPage() {
  const rt = useReceptionsText();
  const session = useSession();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [chosen, setView] = useState<View | null>(null);
  const view: View = chosen ?? (phone ? 'week' : 'month');
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [anchor, setAnchor] = useState<Dayjs>(dayjs(chinaToday()));
  const [open, setOpen] = useState<Slot | null>(null);
  const [creating, setCreating] = useState<string | null>(null);

  const range = useMemo(() => {
    if (view === 'week') {
      const from = mondayOf(anchor);
      return { from: from.format('YYYY-MM-DD'), to: from.add(6, 'day').format('YYYY-MM-DD') };
    }
    const first = anchor.startOf('month');
    return {
      from: mondayOf(first).format('YYYY-MM-DD'),
      to: first.endOf('month').add(7, 'day').format('YYYY-MM-DD'),
    };
  }, [view, anchor]);
  const slots = useQuery({
    queryKey: receptionKeys.slots({ unitId, ...range }),
    queryFn: () => receptionsApi.slots({ unitId, ...range }),
  });
  const byDate = useMemo(() => {
    const m = new Map<string, Slot[]>();
    for (const s of slots.data?.items ?? []) m.set(s.date, [...(m.get(s.date) ?? []), s]);
    return m;
  }, [slots.data]);
  const fresh = open ? ((slots.data?.items ?? []).find((s) => s.id === open.id) ?? open) : null;
  const canSchedule = session.abilities.registerPetitions || session.roles.includes('unit_admin');

  const week = Array.from({ length: 7 }, (_, i) => mondayOf(anchor).add(i, 'day'));
  const weekDay = (d: Dayjs) => ['日', '一', '二', '三', '四', '五', '六'][d.day()];

  return (
    <div className="rcp-page">
      <PageHeader
        title={rt('cal.title')}
        subtitle={rt('cal.subtitle')}
        extra={
          canSchedule && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(chinaToday())}>
              {rt('cal.newSlot')}
            </Button>
          )
        }
      />
      <Card className="rcp-toolbar">
        <Space wrap>
          <UnitTreeSelect
            value={unitId}
            onChange={setUnitId}
            allowClear
            placeholder={rt('cal.allUnits')}
            style={{ minWidth: 200 }}
          />
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: 'month', label: rt('cal.month') },
              { value: 'week', label: rt('cal.week') },
            ]}
          />
          {view === 'week' && (
            <Space.Compact>
              <Button
                icon={<LeftOutlined />}
                aria-label={rt('cal.prev')}
                onClick={() => setAnchor(anchor.subtract(7, 'day'))}
              />
              <Button onClick={() => setAnchor(dayjs(chinaToday()))}>{rt('cal.thisWeek')}</Button>
              <Button
                icon={<RightOutlined />}
                aria-label={rt('cal.next')}
                onClick={() => setAnchor(anchor.add(7, 'day'))}
              />
            </Space.Compact>
          )}
        </Space>
      </Card>
      <Spin spinning={slots.isFetching}>
        {view === 'month' ? (
          <Card className="rcp-month">
            <Calendar
              className="rcp-calendar"
              value={anchor}
              onPanelChange={(d) => setAnchor(d)}
              onSelect={(d, info) => {
                if (info.source === 'date') setAnchor(d);
              }}
              fullCellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const list = byDate.get(d.format('YYYY-MM-DD')) ?? [];
                return (
                  <div
                    className={`rcp-cell${d.month() === anchor.month() ? '' : ' rcp-cell-out'}${d.format('YYYY-MM-DD') === chinaToday() ? ' rcp-cell-today' : ''}`}
                  >
                    <div className="rcp-cell-day">{d.date()}</div>
                    {list.map((s) => (
                      <SlotChip key={s.id} slot={s} onOpen={setOpen} />
                    ))}
                  </div>
                );
              }}
            />
          </Card>
        ) : (
          <div className="rcp-week">
            {week.map((d) => {
              const key = d.format('YYYY-MM-DD');
              const list = byDate.get(key) ?? [];
              return (
                <Card
                  key={key}
                  size="small"
                  className={`rcp-day${key === chinaToday() ? ' rcp-today' : ''}`}
                  title={`${d.format('MM-DD')} 周${weekDay(d)}`}
                  extra={
                    canSchedule &&
                    key >= chinaToday() && (
                      <Button
                        size="small"
                        type="link"
                        icon={<PlusOutlined />}
                        onClick={() => setCreating(key)}
                      >
                        {rt('cal.newSlot')}
                      </Button>
                    )
                  }
                >
                  {list.length ? (
                    list.map((s) => <SlotChip key={s.id} slot={s} onOpen={setOpen} />)
                  ) : (
                    <span className="muted rcp-none">{rt('cal.noSlots')}</span>
                  )}
                </Card>
              );
            })}
          </div>
        )}
      </Spin>
      <SlotDrawer slot={fresh} onClose={() => setOpen(null)} phone={phone} />
      <SlotDialog
        open={creating !== null}
        onClose={() => setCreating(null)}
        unitId={unitId ?? session.unitId}
        date={creating ?? undefined}
      />
    </div>
  );
}
