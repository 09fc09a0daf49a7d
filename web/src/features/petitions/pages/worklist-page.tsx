import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Grid, Input, Pagination, Select, Space, Switch, Table } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { CalendarWarningBanner } from '../../calendar/components/calendar-warning-banner.tsx';
import { LedgerButtons } from '../../ledger/components/ledger-buttons.tsx';
import { UnitTreeSelect } from '../../org/components/unit-tree-select.tsx';
import { FlagTags, flagsFromParams, WORKLIST_FLAGS } from '../../worklist/components/flag-tags.tsx';
import { SavedFilterTabs } from '../../worklist/components/saved-filter-tabs.tsx';
import { NextDue, StatusTag, usePetitionLabels } from '../components/petition-tags.tsx';
import {
  CLASSIFICATIONS,
  type Classification,
  PETITION_STATUS_VALUES,
  type PetitionListItem,
  type PetitionQuery,
  type PetitionStatus,
  petitionKeys,
  petitionsApi,
} from '../petitions.api.ts';
import '../petitions.css';

/** The list query kept in the address, so the back button returns to the same filters and page. */
function queryFromParams(p: URLSearchParams): PetitionQuery {
  const status = p.get('status');
  const classification = p.get('classification');
  return {
    q: p.get('q') || undefined,
    status: (PETITION_STATUS_VALUES as readonly string[]).includes(status ?? '')
      ? (status as PetitionStatus)
      : undefined,
    classification: (CLASSIFICATIONS as readonly string[]).includes(classification ?? '')
      ? (classification as Classification)
      : undefined,
    unitId: p.get('unitId') || undefined,
    overdue: p.get('overdue') === 'true' || undefined,
    ...flagsFromParams(p),
    sort: p.get('sort') === 'nextDue' ? 'nextDue' : 'receivedOn',
    page: Math.max(1, Number(p.get('page')) || 1),
    pageSize: Math.min(200, Math.max(1, Number(p.get('pageSize')) || 20)),
  };
}

function paramsFromQuery(q: PetitionQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.q) out.q = q.q;
  if (q.status) out.status = q.status;
  if (q.classification) out.classification = q.classification;
  if (q.unitId) out.unitId = q.unitId;
  if (q.overdue) out.overdue = 'true';
  for (const f of WORKLIST_FLAGS) if (q[f]) out[f] = 'true';
  if (q.sort === 'nextDue') out.sort = 'nextDue';
  if (q.page > 1) out.page = String(q.page);
  if (q.pageSize !== 20) out.pageSize = String(q.pageSize);
  return out;
}

/** 信访事项: the worklist of the caller's scope with filters, server-side sorting and deadline colours. */
export function WorklistPage() {
  const me = useSession();
  const { t } = useI18n();
  const labels = usePetitionLabels();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [text, setText] = useState(query.q ?? '');

  const list = useQuery({
    queryKey: petitionKeys.list(query),
    queryFn: () => petitionsApi.list(query),
    placeholderData: keepPreviousData,
  });
  const apply = (patch: Partial<PetitionQuery>) =>
    setParams(paramsFromQuery({ ...query, page: 1, ...patch }), { replace: true });
  const open = (p: PetitionListItem) => navigate(`/petitions/${p.id}`);

  const columns: ColumnsType<PetitionListItem> = [
    {
      title: t('pet.number'),
      dataIndex: 'number',
      key: 'number',
      width: 170,
      render: (n: string) => <span className="pet-number">{n}</span>,
    },
    {
      title: t('pet.title'),
      key: 'title',
      render: (_v, p) => (
        <div className="pet-title-cell">
          <a
            href={`/petitions/${p.id}`}
            onClick={(e) => {
              e.preventDefault();
              open(p);
            }}
          >
            {p.title}
          </a>
          <div className="muted pet-sub">
            {p.category} · {labels.classification(p.classification)} · {labels.channel(p.channel)}
            {p.handlerName ? ` · ${t('pet.handler')} ${p.handlerName}` : ''}
          </div>
        </div>
      ),
    },
    { title: t('pet.unit'), dataIndex: 'unitName', key: 'unit', width: 130, ellipsis: true },
    {
      title: t('pet.status'),
      key: 'status',
      width: 120,
      render: (_v, p) => <StatusTag status={p.status} />,
    },
    {
      title: t('pet.receivedOn'),
      dataIndex: 'receivedOn',
      key: 'receivedOn',
      width: 116,
      sorter: true,
      sortDirections: ['descend'],
      sortOrder: query.sort === 'receivedOn' ? 'descend' : null,
    },
    {
      title: t('pet.nextDue'),
      key: 'nextDue',
      width: 200,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: query.sort === 'nextDue' ? 'ascend' : null,
      render: (_v, p) => <NextDue item={p} />,
    },
  ];

  const filters = (
    <div className="filter-bar" hidden={phone && !filtersOpen}>
      <Select<PetitionStatus>
        allowClear
        className="w-sm"
        placeholder={t('pet.list.statusFilter')}
        aria-label={t('pet.status')}
        value={query.status}
        onChange={(status) => apply({ status })}
        options={PETITION_STATUS_VALUES.filter((s) => s !== 'merged').map((s) => ({
          value: s,
          label: labels.status(s),
        }))}
      />
      <Select<Classification>
        allowClear
        className="w-sm"
        placeholder={t('pet.list.classificationFilter')}
        aria-label={t('pet.classification')}
        value={query.classification}
        onChange={(classification) => apply({ classification })}
        options={CLASSIFICATIONS.map((c) => ({ value: c, label: labels.classification(c) }))}
      />
      <UnitTreeSelect
        allowClear
        className="w-lg"
        placeholder={t('pet.list.unitFilter')}
        value={query.unitId}
        onChange={(unitId) => apply({ unitId })}
      />
      {phone && (
        <Select<'receivedOn' | 'nextDue'>
          className="w-sm"
          aria-label={t('pet.list.sort')}
          value={query.sort ?? 'receivedOn'}
          onChange={(sort) => apply({ sort })}
          options={[
            { value: 'receivedOn', label: t('pet.list.sortReceived') },
            { value: 'nextDue', label: t('pet.list.sortDue') },
          ]}
        />
      )}
      <FlagTags query={query} onClear={(f) => apply({ [f]: undefined })} />
      <span className="pet-switch">
        <Switch
          id="pet-overdue-only"
          size="small"
          checked={!!query.overdue}
          onChange={(v) => apply({ overdue: v || undefined })}
        />
        <label htmlFor="pet-overdue-only">{t('pet.list.overdueOnly')}</label>
      </span>
    </div>
  );

  const items = list.data?.items ?? [];
  const pagination = {
    current: query.page,
    pageSize: query.pageSize,
    total: list.data?.total ?? 0,
    showSizeChanger: !phone,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: (page: number, pageSize: number) =>
      setParams(paramsFromQuery({ ...query, page, pageSize }), { replace: true }),
  };

  return (
    <div>
      <PageHeader
        title={t('pet.list.title')}
        subtitle={t('pet.list.subtitle')}
        extra={
          <>
            <LedgerButtons filters={query} canImport={me.abilities.registerPetitions} />
            {me.abilities.registerPetitions && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/petitions/new')}>
                {t('pet.list.register')}
              </Button>
            )}
          </>
        }
      />
      <CalendarWarningBanner show={items.some((p) => p.calendarWarning)} />
      <Card>
        <SavedFilterTabs
          params={params}
          onApply={(f) => {
            setText(f.q ?? '');
            setParams(f, { replace: true });
          }}
        />
        <div className="filter-bar pet-search-row">
          <Input.Search
            allowClear
            className="pet-search"
            placeholder={t('pet.list.search')}
            aria-label={t('common.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(q) => apply({ q: q.trim() || undefined })}
          />
          {phone && (
            <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen((v) => !v)}>
              {t('pet.list.filters')}
            </Button>
          )}
        </div>
        {filters}
        {phone ? (
          <div className="pet-cards" aria-busy={list.isFetching}>
            {items.length === 0 && !list.isFetching && <Empty description={t('pet.list.empty')} />}
            {items.map((p) => (
              <button key={p.id} type="button" className="pet-card" onClick={() => open(p)}>
                <div className="pet-card-top">
                  <span className="pet-number">{p.number}</span>
                  <StatusTag status={p.status} />
                </div>
                <div className="pet-card-title">{p.title}</div>
                <div className="muted pet-sub">
                  {p.unitName} · {p.category} · {labels.classification(p.classification)}
                </div>
                <Space size={8} wrap className="pet-card-bottom">
                  <span className="muted">
                    {t('pet.receivedOn')} {p.receivedOn}
                  </span>
                  <NextDue item={p} />
                </Space>
              </button>
            ))}
            {(list.data?.total ?? 0) > 0 && (
              <Pagination size="small" align="center" {...pagination} className="pet-cards-pager" />
            )}
          </div>
        ) : (
          <Table<PetitionListItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            scroll={{ x: 940 }}
            locale={{ emptyText: <Empty description={t('pet.list.empty')} /> }}
            rowClassName={(p) => (p.overdue ? 'pet-row-overdue' : '')}
            onRow={(p) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('a, button')) return;
                open(p);
              },
              className: 'pet-row',
            })}
            onChange={(_p, _f, sorter, extra) => {
              if (extra.action !== 'sort') return;
              const s = sorter as SorterResult<PetitionListItem>;
              apply({ sort: s.columnKey === 'nextDue' && s.order ? 'nextDue' : 'receivedOn' });
            }}
            pagination={pagination}
          />
        )}
      </Card>
    </div>
  );
}
