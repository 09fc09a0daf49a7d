import { EditOutlined, GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  Skeleton,
  Switch,
  Tree,
} from 'antd';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/page-header.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { KindLabel } from '../components/kind-label.tsx';
import { UnitFormDialog } from '../components/unit-form-dialog.tsx';
import { orgApi, orgKeys, type Unit } from '../org.api.ts';
import { buildUnitTree, type UnitNode, unitPath } from '../unit-tree.ts';

function filterTree(nodes: UnitNode[], q: string): UnitNode[] {
  if (!q) return nodes;
  const out: UnitNode[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, q);
    if (n.title.includes(q) || children.length) out.push({ ...n, children });
  }
  return out;
}

function allKeys(nodes: UnitNode[]): string[] {
  return nodes.flatMap((n) => [n.key, ...allKeys(n.children)]);
}

/** The unit tree of the caller's scope, with the selected unit's details and actions. */
export function UnitsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useQuery({ queryKey: orgKeys.units, queryFn: orgApi.units });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[] | null>(null);
  // The dialog keeps its unit while it closes, so the closing animation shows the same form.
  const [dialog, setDialog] = useState<{ mode: 'create' | 'rename'; unit: Unit; open: boolean } | null>(null);
  const openDialog = (mode: 'create' | 'rename') =>
    selected && setDialog({ mode, unit: selected, open: true });

  const list = units.data?.items ?? [];
  const tree = useMemo(() => buildUnitTree(list), [list]);
  const shown = useMemo(() => filterTree(tree, search.trim()), [tree, search]);
  const selected: Unit | undefined = list.find((u) => u.id === selectedId) ?? tree[0]?.unit;
  const children = selected ? list.filter((u) => u.parentId === selected.id) : [];
  const defaultExpanded = tree.map((n) => n.key);

  const toggleOnline = useMutation({
    mutationFn: (v: { id: string; acceptsOnline: boolean }) =>
      orgApi.updateUnit(v.id, { acceptsOnline: v.acceptsOnline }),
    onSuccess: (_r, v) => {
      message.success(v.acceptsOnline ? t('units.onlineOn') : t('units.onlineOff'));
      void queryClient.invalidateQueries({ queryKey: orgKeys.units });
    },
  });

  const treeCard = (
    <Card
      className="unit-tree-card"
      title={t('units.tree')}
      extra={<span className="muted">{t('units.count', { count: list.length })}</span>}
    >
      <Input.Search
        allowClear
        placeholder={t('units.searchPlaceholder')}
        onChange={(e) => setSearch(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      <div className="unit-tree-scroll">
        {units.isPending ? (
          <Skeleton active />
        ) : shown.length === 0 ? (
          <Empty description={t('units.empty')} />
        ) : (
          <Tree<UnitNode>
            blockNode
            showLine
            treeData={shown}
            expandedKeys={search ? allKeys(shown) : (expanded ?? defaultExpanded)}
            onExpand={(keys) => setExpanded(keys as string[])}
            selectedKeys={selected ? [selected.id] : []}
            onSelect={(keys) => {
              if (!keys[0]) return;
              setSelectedId(String(keys[0]));
              if (window.matchMedia('(max-width: 991px)').matches)
                requestAnimationFrame(() =>
                  document
                    .querySelector('[data-testid="unit-detail"]')
                    ?.scrollIntoView({ behavior: 'smooth' }),
                );
            }}
            titleRender={(n) => (
              <span className="unit-tree-title">
                <KindLabel kind={n.unit.kind} />
                {n.title}
              </span>
            )}
          />
        )}
      </div>
    </Card>
  );

  const detailCard = selected ? (
    <Card
      title={selected.name}
      data-testid="unit-detail"
      extra={
        <span style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {selected.abilities?.edit && (
            <Button icon={<EditOutlined />} onClick={() => openDialog('rename')}>
              {t('units.rename')}
            </Button>
          )}
        </span>
      }
    >
      {selected.parentId && (
        <Breadcrumb
          style={{ marginBottom: 16 }}
          items={unitPath(list, selected.id).map((u) => ({ key: u.id, title: u.name }))}
        />
      )}
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'kind', label: t('units.kind'), children: <KindLabel kind={selected.kind} /> },
          {
            key: 'online',
            label: (
              <span>
                <GlobalOutlined /> {t('units.acceptsOnline')}
              </span>
            ),
            children: (
              <span>
                <Switch
                  size="small"
                  checked={selected.acceptsOnline}
                  disabled={!selected.abilities?.edit}
                  loading={toggleOnline.isPending}
                  onChange={(v) => toggleOnline.mutate({ id: selected.id, acceptsOnline: v })}
                  aria-label={t('units.acceptsOnline')}
                />
                <span className="muted" style={{ marginLeft: 8, fontSize: 12 }}>
                  {t('units.acceptsOnlineHelp')}
                </span>
              </span>
            ),
          },
          {
            key: 'children',
            label: t('units.children'),
            children: children.length ? (
              <span style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px' }}>
                {children.map((c) => (
                  <Button
                    key={c.id}
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => setSelectedId(c.id)}
                  >
                    {c.name}
                  </Button>
                ))}
              </span>
            ) : (
              <span className="muted">{t('common.none')}</span>
            ),
          },
        ]}
      />
    </Card>
  ) : (
    <Card>
      <Empty description={t('units.selectHint')} />
    </Card>
  );

  return (
    <div>
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        extra={
          selected?.abilities?.createChild && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openDialog('create')}>
              {t('units.createChild')}
            </Button>
          )
        }
      />
      {units.isError && (
        <Alert type="error" showIcon title={units.error.message} style={{ marginBottom: 16 }} />
      )}
      <div className="units-grid">
        {treeCard}
        {detailCard}
      </div>
      <UnitFormDialog
        open={!!dialog?.open}
        parent={dialog?.mode === 'create' ? dialog.unit : undefined}
        unit={dialog?.mode === 'rename' ? dialog.unit : undefined}
        onClose={() => setDialog((d) => d && { ...d, open: false })}
        onSaved={(u) => {
          if (dialog?.mode === 'create') {
            setSelectedId(u.id);
            setExpanded((e) => [...new Set([...(e ?? defaultExpanded), dialog.unit.id])]);
          }
        }}
      />
    </div>
  );
}
