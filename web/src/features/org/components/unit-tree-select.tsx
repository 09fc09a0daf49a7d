import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { orgApi, orgKeys } from '../org.api.ts';
import { buildUnitTree } from '../unit-tree.ts';

/** Choose a unit of the caller's scope from the tree; searching matches part of the name. */
export function UnitTreeSelect({
  value,
  onChange,
  placeholder,
  allowClear,
  style,
  className,
  id,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  className?: string;
  id?: string;
}) {
  const units = useQuery({ queryKey: orgKeys.units, queryFn: orgApi.units });
  const tree = useMemo(() => buildUnitTree(units.data?.items ?? []), [units.data]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={tree}
      loading={units.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder}
      treeDefaultExpandedKeys={tree.map((n) => n.key)}
      popupMatchSelectWidth={false}
      style={style}
      className={className}
      listHeight={360}
    />
  );
}
