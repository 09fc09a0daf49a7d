import { FilterOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, DatePicker, Grid, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/page-header.tsx';
import { isMessageKey, useI18n } from '../../../i18n/i18n.tsx';
import { type AuditEntry, type AuditListQuery, auditApi } from '../audit.api.ts';
import { actionLabel, KNOWN_ACTIONS, SUBJECT_TYPES } from '../audit-labels.ts';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}

/** The auditor's view of the audit trail: filters, server-side pages, and chain verification. */
export function AuditPage() {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState<AuditListQuery>({ page: 1, pageSize: 20 });
  const [actorText, setActorText] = useState('');
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const entries = useQuery({
    queryKey: ['audit', query],
    queryFn: () => auditApi.list(query),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: auditApi.verify });

  const apply = (patch: Partial<AuditListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));
  const subjectLabel = (s: string) => {
    const k = `subject.${s}`;
    return isMessageKey(k) ? t(k) : s;
  };
  const actors = useMemo(() => {
    const m = new Map<string, string>();
    for (const e of entries.data?.items ?? []) if (e.actorId) m.set(e.actorId, e.actorName ?? e.actorId);
    return [...m].map(([value, name]) => ({ value, label: `${name} · ${value.slice(0, 8)}` }));
  }, [entries.data]);

  /** Entries without an actor were written by the first start ('system') or the command line ('cli'). */
  const actorOf = (e: AuditEntry) => {
    if (e.actorId) return e.actorName ?? e.actorId.slice(0, 8);
    const name =
      e.actorName === 'cli'
        ? t('audit.cli')
        : !e.actorName || e.actorName === 'system'
          ? t('audit.system')
          : e.actorName;
    return <span className="muted">{name}</span>;
  };
  const actionTag = (a: string) => (
    <Tag color={a.includes('failed') || a.includes('locked') ? 'red' : 'blue'} variant="filled" title={a}>
      {actionLabel(a, locale)}
    </Tag>
  );
  const subjectOf = (e: AuditEntry) => (
    <span>
      {subjectLabel(e.subjectType)}
      {e.subjectId && (
        <>
          {' · '}
          <button
            type="button"
            className="link-button"
            title={t('audit.sameSubject')}
            onClick={() => apply({ subjectId: e.subjectId ?? undefined, subjectType: e.subjectType })}
          >
            {e.subjectId.slice(0, 8)}
          </button>
        </>
      )}
    </span>
  );
  const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

  /** On phones one entry reads as a short paragraph: what, on what, who, when. */
  const phoneColumns: ColumnsType<AuditEntry> = [
    {
      key: 'all',
      render: (_v, e) => (
        <div className="audit-cell">
          <div>
            {actionTag(e.action)} <strong>{summary(e)}</strong>
          </div>
          <div className="muted" style={{ fontSize: 13, marginTop: 2 }}>
            #{e.id} · {subjectOf(e)}
          </div>
          <div style={{ fontSize: 13, marginTop: 2 }}>
            {actorOf(e)} <span className="muted">· {at(e.at)}</span>
            {e.ip && <span className="muted"> · {e.ip}</span>}
          </div>
        </div>
      ),
    },
  ];

  const columns: ColumnsType<AuditEntry> = [
    { title: '#', dataIndex: 'id', key: 'id', width: 72 },
    { title: t('audit.at'), dataIndex: 'at', key: 'at', width: 170, render: at },
    { title: t('audit.actor'), key: 'actor', width: 140, render: (_v, e) => actorOf(e) },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', width: 150, render: actionTag },
    {
      title: t('audit.subject'),
      key: 'subject',
      render: (_v, e) => (
        <span>
          {subjectOf(e)}
          {summary(e) && <div style={{ fontSize: 13 }}>{summary(e)}</div>}
        </span>
      ),
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      key: 'ip',
      width: 130,
      render: (ip: string | null) => ip ?? '—',
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            {t('audit.verify')}
          </Button>
        }
      />
      {verify.data && (
        <Alert
          data-testid="verify-result"
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          type={verify.data.ok ? 'success' : 'error'}
          title={
            verify.data.ok
              ? t('audit.verifyOk', { checked: verify.data.checked })
              : t('audit.verifyBroken', {
                  brokenAt: verify.data.brokenAt ?? '?',
                  reason: verify.data.reason ?? '',
                })
          }
          description={t('audit.verifyAnchors', { anchors: verify.data.anchors.checked })}
        />
      )}
      <Card>
        {phone && (
          <Button
            block
            icon={<FilterOutlined />}
            onClick={() => setFiltersOpen((o) => !o)}
            style={{ marginBottom: 12 }}
            type={filtersOpen ? 'default' : 'dashed'}
          >
            {t('audit.filters')}
          </Button>
        )}
        <div className="filter-bar" hidden={phone && !filtersOpen}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.action')}
            className="w-sm"
            value={query.action}
            onChange={(action) => apply({ action })}
            options={KNOWN_ACTIONS.map((a) => ({ value: a, label: actionLabel(a, locale) }))}
          />
          <Select
            allowClear
            placeholder={t('audit.subjectType')}
            className="w-sm"
            value={query.subjectType}
            onChange={(subjectType) => apply({ subjectType })}
            options={SUBJECT_TYPES.map((s) => ({ value: s, label: subjectLabel(s) }))}
          />
          <AutoComplete
            allowClear
            placeholder={t('audit.actorPlaceholder')}
            className="w-sm"
            options={actors}
            value={actorText}
            onChange={(v: string) => {
              setActorText(v ?? '');
              if (!v) apply({ actorId: undefined });
            }}
            onSelect={(v: string) => apply({ actorId: v })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') apply({ actorId: actorText.trim() || undefined });
            }}
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(r) => {
              setRange(r);
              apply({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') });
            }}
            className="w-lg"
          />
          {query.subjectId && (
            <Tag closable onClose={() => apply({ subjectId: undefined })} className="filter-tag">
              {t('audit.subject')}：{query.subjectId.slice(0, 8)}
            </Tag>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void entries.refetch()}>
            {t('audit.refresh')}
          </Button>
        </div>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={phone ? phoneColumns : columns}
          showHeader={!phone}
          dataSource={entries.data?.items}
          loading={entries.isFetching}
          scroll={phone ? undefined : { x: 900 }}
          expandable={{
            rowExpandable: (e) => e.before != null || e.after != null,
            expandedRowRender: (e) => (
              <div
                style={{
                  display: 'grid',
                  gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
                  gap: 12,
                }}
              >
                <div>
                  <div className="muted" style={{ marginBottom: 4 }}>
                    {t('audit.before')}
                  </div>
                  <Json value={e.before} />
                </div>
                <div>
                  <div className="muted" style={{ marginBottom: 4 }}>
                    {t('audit.after')}
                  </div>
                  <Json value={e.after} />
                </div>
              </div>
            ),
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
    </div>
  );
}

/** A one-line hint of what changed: the name or username the entry is about, if it carries one. */
function summary(e: AuditEntry): string | null {
  const pick = (v: unknown) => {
    if (!v || typeof v !== 'object') return null;
    const o = v as Record<string, unknown>;
    const s = o.name ?? o.title ?? o.username;
    return typeof s === 'string' ? s : null;
  };
  return pick(e.after) ?? pick(e.before);
}
