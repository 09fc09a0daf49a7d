import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popover, Space, Tag } from 'antd';
import { useRef, useState } from 'react';
import { newIdempotencyKey } from '../../../lib/http.ts';
import { filterOf, type SavedFilter, sameFilter, worklistApi, worklistKeys } from '../worklist.api.ts';
import { useWorklistText } from '../worklist.i18n.ts';
import '../worklist.css';

/**
 * Quick tabs above the case list: 全部事项, the user's saved filters (click to apply, × to delete)
 * and a button that saves the current filters under a name (stored on the server, per user).
 */
export function SavedFilterTabs({
  params,
  onApply,
}: {
  params: URLSearchParams;
  onApply: (query: Record<string, string>) => void;
}) {
  const text = useWorklistText();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const filters = useQuery({ queryKey: worklistKeys.savedFilters, queryFn: worklistApi.savedFilters });
  const current = filterOf(params);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());

  const save = useMutation({
    mutationFn: () => worklistApi.saveFilter(name.trim(), current, key.current),
    onSuccess: (f) => {
      key.current = newIdempotencyKey();
      setOpen(false);
      setName('');
      setError(null);
      message.success(text('filters.saved', { name: f.name }));
      void queryClient.invalidateQueries({ queryKey: worklistKeys.savedFilters });
    },
    onError: (e: Error) => {
      key.current = newIdempotencyKey();
      setError(e.message);
    },
  });
  const remove = useMutation({
    mutationFn: (f: SavedFilter) => worklistApi.deleteFilter(f.id),
    onSuccess: (_r, f) => {
      message.success(text('filters.deleted', { name: f.name }));
      void queryClient.invalidateQueries({ queryKey: worklistKeys.savedFilters });
    },
    onError: (e: Error) => message.error(e.message),
  });

  const submit = () => {
    if (!name.trim()) return setError(text('filters.nameRequired'));
    if (Object.keys(current).length === 0) return setError(text('filters.nothing'));
    save.mutate();
  };

  const items = filters.data?.items ?? [];
  const nothingSet = Object.keys(current).length === 0;
  return (
    <nav className="wl-filters" aria-label={text('filters.label')}>
      <span className="wl-filters-label">{text('filters.label')}</span>
      <Tag
        className="wl-chip"
        color={nothingSet ? 'blue' : undefined}
        onClick={() => onApply({})}
        role="button"
        tabIndex={0}
        aria-pressed={nothingSet}
        onKeyDown={(e) => e.key === 'Enter' && onApply({})}
      >
        {text('filters.all')}
      </Tag>
      {items.map((f) => {
        const active = sameFilter(f.query, current);
        return (
          <Tag
            key={f.id}
            className="wl-chip"
            color={active ? 'blue' : undefined}
            role="button"
            tabIndex={0}
            aria-pressed={active}
            onClick={() => onApply(f.query)}
            onKeyDown={(e) => e.key === 'Enter' && onApply(f.query)}
            closable={f.abilities.delete}
            onClose={(e) => {
              e.preventDefault();
              e.stopPropagation();
              modal.confirm({
                title: text('filters.deleteConfirm', { name: f.name }),
                onOk: () => remove.mutateAsync(f),
              });
            }}
          >
            {f.name}
          </Tag>
        );
      })}
      <Popover
        open={open}
        onOpenChange={(v) => {
          setOpen(v);
          setError(null);
        }}
        trigger="click"
        placement="bottomLeft"
        content={
          <Space direction="vertical" style={{ width: 240 }}>
            <label htmlFor="wl-filter-name">{text('filters.name')}</label>
            <Input
              id="wl-filter-name"
              autoFocus
              maxLength={20}
              value={name}
              placeholder={text('filters.namePlaceholder')}
              status={error ? 'error' : undefined}
              onChange={(e) => setName(e.target.value)}
              onPressEnter={submit}
            />
            {error && (
              <div role="alert" className="wl-error">
                {error}
              </div>
            )}
            <Button type="primary" block loading={save.isPending} onClick={submit}>
              {text('filters.save')}
            </Button>
          </Space>
        }
      >
        <Button size="small" type="dashed" icon={<PlusOutlined />}>
          {text('filters.save')}
        </Button>
      </Popover>
    </nav>
  );
}
