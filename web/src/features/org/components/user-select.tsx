import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { orgApi } from '../org.api.ts';

export interface KnownUser {
  userId: string;
  name: string;
}

/** Pick staff of the caller's scope by typing part of a name; `known` labels ids already chosen. */
export function UserSelect({
  value,
  onChange,
  multiple,
  known = [],
  id,
}: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  known?: KnownUser[];
  id?: string;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(h);
  }, [typed]);
  const found = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: () => orgApi.users({ q: q || undefined, page: 1, pageSize: 30 }),
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const m = new Map<string, { value: string; label: string; unit?: string }>();
    for (const k of known) m.set(k.userId, { value: k.userId, label: k.name });
    for (const u of found.data?.items ?? []) m.set(u.id, { value: u.id, label: u.name, unit: u.unitName });
    return [...m.values()];
  }, [known, found.data]);
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={onChange}
      options={options}
      loading={found.isFetching}
      placeholder={t('lg.searchUser')}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      style={{ width: '100%' }}
      maxTagCount="responsive"
      optionRender={(o) => (
        <span>
          {o.data.label}
          {o.data.unit && <span className="muted"> · {o.data.unit}</span>}
        </span>
      )}
    />
  );
}
