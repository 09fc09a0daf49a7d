import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { receptionKeys, receptionsApi } from '../receptions.api.ts';

/** Pick a leader (role leader) of the caller's scope, optionally of one unit and the units below it. */
export function LeaderSelect({
  value,
  onChange,
  unitId,
  id,
  allowClear,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  unitId?: string;
  id?: string;
  allowClear?: boolean;
}) {
  const leaders = useQuery({
    queryKey: receptionKeys.users('leader', unitId),
    queryFn: () => receptionsApi.users({ role: 'leader', unitId, subtree: Boolean(unitId) }),
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      loading={leaders.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(leaders.data?.items ?? []).map((u) => ({
        value: u.id,
        label: u.unitName ? `${u.name}（${u.unitName}）` : u.name,
      }))}
      data-testid="leader-select"
    />
  );
}
