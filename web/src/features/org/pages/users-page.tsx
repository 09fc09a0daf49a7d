import {
  EditOutlined,
  KeyOutlined,
  LockOutlined,
  MoreOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  StopOutlined,
  TeamOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Dropdown,
  Grid,
  Input,
  type MenuProps,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ROLE_VALUES } from '../../../../../shared/contracts/auth.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { RoleTags, useRoleLabel } from '../../../components/role-tags.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import type { Role } from '../../auth/auth.api.ts';
import { PasswordShownOnce } from '../components/password-shown-once.tsx';
import { RolesDialog } from '../components/roles-dialog.tsx';
import { UnitTreeSelect } from '../components/unit-tree-select.tsx';
import { UserFormDialog } from '../components/user-form-dialog.tsx';
import { orgApi, orgKeys, type User, type UserQuery } from '../org.api.ts';

/** Accounts of the caller's scope: search, filter by unit and role, and the actions each row allows. */
export function UsersPage() {
  const me = useSession();
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const roleLabel = useRoleLabel();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [query, setQuery] = useState<UserQuery>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [granting, setGranting] = useState<User | null>(null);
  const [shown, setShown] = useState<{
    name: string;
    username: string;
    password: string;
    title: string;
  } | null>(null);

  const users = useQuery({
    queryKey: [...orgKeys.users, query],
    queryFn: () => orgApi.users(query),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: orgKeys.users });

  const setDisabled = useMutation({
    mutationFn: (v: { user: User; disabled: boolean }) =>
      orgApi.updateUser(v.user.id, { disabled: v.disabled }),
    onSuccess: (_r, v) => {
      message.success(v.disabled ? t('users.disabledDone') : t('users.enabledDone'));
      void refresh();
    },
  });
  const unlock = useMutation({
    mutationFn: (u: User) => orgApi.unlock(u.id),
    onSuccess: () => {
      message.success(t('users.unlocked'));
      void refresh();
    },
  });
  const reset = useMutation({
    mutationFn: (u: User) => orgApi.resetPassword(u.id),
    onSuccess: (r, u) => {
      setShown({ name: u.name, username: u.username, password: r.password, title: t('users.resetPassword') });
      void refresh();
    },
  });

  const resetTotp = useMutation({
    mutationFn: (u: User) => orgApi.resetSecondFactor(u.id),
    onSuccess: () => {
      message.success(t('users.secondFactorReset'));
      void refresh();
    },
  });

  const rowMenu = (u: User): MenuProps['items'] => {
    const items: MenuProps['items'] = [];
    if (u.abilities.resetPassword)
      items.push({
        key: 'reset',
        icon: <KeyOutlined />,
        label: t('users.resetPassword'),
        onClick: () =>
          modal.confirm({
            title: t('users.resetPassword'),
            content: t('users.resetConfirm', { name: u.name }),
            okText: t('users.resetPassword'),
            cancelText: t('common.cancel'),
            onOk: () => reset.mutateAsync(u),
          }),
      });
    if (u.abilities.resetSecondFactor)
      items.push({
        key: 'reset-2fa',
        icon: <SafetyOutlined />,
        label: t('users.resetSecondFactor'),
        onClick: () =>
          modal.confirm({
            title: t('users.resetSecondFactor'),
            content: t('users.resetSecondFactorConfirm', { name: u.name }),
            okText: t('users.resetSecondFactor'),
            cancelText: t('common.cancel'),
            onOk: () => resetTotp.mutateAsync(u),
          }),
      });
    if (u.locked && u.abilities.edit)
      items.push({
        key: 'unlock',
        icon: <UnlockOutlined />,
        label: t('users.unlock'),
        onClick: () => unlock.mutate(u),
      });
    if (u.abilities.disable)
      items.push(
        u.disabled
          ? {
              key: 'enable',
              icon: <SafetyCertificateOutlined />,
              label: t('users.enable'),
              onClick: () => setDisabled.mutate({ user: u, disabled: false }),
            }
          : {
              key: 'disable',
              icon: <StopOutlined />,
              danger: true,
              label: t('users.disable'),
              onClick: () =>
                modal.confirm({
                  title: t('users.disable'),
                  content: t('users.disableConfirm', { name: u.name }),
                  okText: t('users.disable'),
                  okButtonProps: { danger: true },
                  cancelText: t('common.cancel'),
                  onOk: () => setDisabled.mutateAsync({ user: u, disabled: true }),
                }),
            },
      );
    return items;
  };

  const status = (u: User) => (
    <Space size={4} wrap>
      {u.disabled ? (
        <Tag variant="filled">{t('users.disabled')}</Tag>
      ) : (
        <Tag color="success" variant="filled">
          {t('users.active')}
        </Tag>
      )}
      {u.locked && (
        <Tag color="warning" variant="filled" icon={<LockOutlined />}>
          {t('users.locked')}
        </Tag>
      )}
      {u.totpEnabled && (
        <Tooltip title={t('users.twofa')}>
          <SafetyCertificateOutlined style={{ color: '#2f8a4c' }} />
        </Tooltip>
      )}
    </Space>
  );

  const actions = (u: User) => {
    const more = rowMenu(u);
    if (!u.abilities.edit && !u.abilities.grantRoles && !more?.length) return null;
    return (
      <Space size={0} wrap>
        {u.abilities.edit && (
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)}>
            {t('common.edit')}
          </Button>
        )}
        {u.abilities.grantRoles && (
          <Button type="link" size="small" icon={<TeamOutlined />} onClick={() => setGranting(u)}>
            {t('users.roles')}
          </Button>
        )}
        {more && more.length > 0 && (
          <Dropdown menu={{ items: more }} trigger={['click']}>
            <Button type="link" size="small" icon={<MoreOutlined />} aria-label={t('common.more')} />
          </Dropdown>
        )}
      </Space>
    );
  };

  /** On phones one column tells the whole story of an account, with its actions below. */
  const phoneColumns: ColumnsType<User> = [
    {
      title: t('users.title'),
      key: 'all',
      render: (_v, u) => (
        <div className="user-cell">
          <div>
            <strong>{u.name}</strong> <span className="muted">{u.username}</span>
          </div>
          <div className="muted" style={{ fontSize: 13 }}>
            {u.unitName}
          </div>
          <div style={{ margin: '4px 0' }}>
            <RoleTags roles={u.roles} /> {status(u)}
          </div>
          {actions(u)}
        </div>
      ),
    },
  ];

  const columns: ColumnsType<User> = [
    {
      title: t('users.name'),
      key: 'name',
      render: (_v, u) => (
        <div>
          <div style={{ fontWeight: 500 }}>{u.name}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {u.username}
          </div>
        </div>
      ),
    },
    { title: t('users.unit'), dataIndex: 'unitName', key: 'unit', ellipsis: true },
    { title: t('users.roles'), key: 'roles', render: (_v, u) => <RoleTags roles={u.roles} /> },
    {
      title: t('users.status'),
      key: 'status',
      width: 150,
      render: (_v, u) => status(u),
    },
    { title: t('common.actions'), key: 'actions', width: 200, render: (_v, u) => actions(u) },
  ];

  return (
    <div>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          me.abilities.grantableRoles.length > 0 && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card>
        <div className="filter-bar">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            className="w-md"
            onSearch={(q) => setQuery((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
          />
          <UnitTreeSelect
            allowClear
            placeholder={t('users.unitFilter')}
            className="w-lg"
            value={query.unitId}
            onChange={(unitId) =>
              setQuery((p) => ({ ...p, unitId, subtree: unitId ? true : undefined, page: 1 }))
            }
          />
          <Select<Role>
            allowClear
            placeholder={t('users.roleFilter')}
            className="w-sm"
            value={query.role}
            onChange={(role) => setQuery((p) => ({ ...p, role, page: 1 }))}
            options={ROLE_VALUES.map((r) => ({ value: r, label: roleLabel(r) }))}
          />
          <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
            <Switch
              id="users-include-disabled"
              size="small"
              checked={!!query.includeDisabled}
              onChange={(v) => setQuery((p) => ({ ...p, includeDisabled: v || undefined, page: 1 }))}
            />
            <label htmlFor="users-include-disabled" style={{ cursor: 'pointer' }}>
              {t('users.includeDisabled')}
            </label>
          </span>
        </div>
        <Table<User>
          rowKey="id"
          size="middle"
          columns={phone ? phoneColumns : columns}
          showHeader={!phone}
          dataSource={users.data?.items}
          loading={users.isFetching}
          scroll={phone ? undefined : { x: 860 }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setQuery((p) => ({ ...p, page, pageSize })),
          }}
        />
      </Card>
      <UserFormDialog
        open={creating}
        defaultUnitId={query.unitId}
        onClose={() => setCreating(false)}
        onCreated={(u, password) =>
          setShown({
            name: u.name,
            username: u.username,
            password,
            title: t('users.created', { name: u.name }),
          })
        }
      />
      <UserFormDialog open={editing !== null} user={editing ?? undefined} onClose={() => setEditing(null)} />
      <RolesDialog user={granting} onClose={() => setGranting(null)} />
      <PasswordShownOnce shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}
