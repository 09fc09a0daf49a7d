import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ControlOutlined,
  DownOutlined,
  FileAddOutlined,
  FileTextOutlined,
  FlagOutlined,
  HomeOutlined,
  LogoutOutlined,
  MenuOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { Brand } from '../../components/brand.tsx';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { authApi, rememberSecondFactorStep } from '../../features/auth/auth.api.ts';
import { NotificationBell } from '../../features/notifications/components/notification-bell.tsx';
import {
  type NotificationsMessageKey,
  notificationsText,
} from '../../features/notifications/notifications.i18n.ts';
import { type OwnershipMessageKey, ownershipText } from '../../features/ownership/ownership.i18n.ts';
import { type ReceptionsMessageKey, receptionsText } from '../../features/receptions/receptions.i18n.ts';
import { type SupervisionMessageKey, supervisionText } from '../../features/supervision/supervision.i18n.ts';
import { PetitionsMenuLabel } from '../../features/worklist/components/menu-counters.tsx';
import { type MessageKey, useI18n } from '../../i18n/i18n.tsx';
import { type Session, useSession } from '../session.tsx';

interface NavItem {
  path: string;
  /** An app-wide message, or a feature's own (`{ receptions: key }`). */
  label:
    | MessageKey
    | { receptions: ReceptionsMessageKey }
    | { ownership: OwnershipMessageKey }
    | { notifications: NotificationsMessageKey }
    | { supervision: SupervisionMessageKey };
  icon: ReactNode;
  visible: (s: Session) => boolean;
}

/** The modules of the side menu; each shows only when /api/v1/me grants it. */
/** The three administrators work on accounts and the audit trail, never on cases: no reminders reach them. */
const ADMINISTRATORS: readonly string[] = ['sysadmin', 'secadmin', 'auditor'];

/** Whether the session holds a role that case reminders, notices and appointments are sent to. */
function receivesNotifications(s: Session): boolean {
  return s.roles.some((r) => !ADMINISTRATORS.includes(r));
}

const NAV: NavItem[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, visible: () => true },
  {
    path: '/petitions',
    label: 'nav.petitions',
    icon: <FileTextOutlined />,
    visible: (s) => s.abilities.petitions,
  },
  {
    path: '/petitions/new',
    label: 'nav.registerPetition',
    icon: <FileAddOutlined />,
    visible: (s) => s.abilities.registerPetitions,
  },
  {
    path: '/ownership',
    label: { ownership: 'nav.board' },
    icon: <FlagOutlined />,
    visible: (s) => s.abilities.petitions && s.roles.includes('leader'),
  },
  {
    path: '/units',
    label: 'nav.units',
    icon: <ApartmentOutlined />,
    visible: (s) => s.abilities.manageUnits,
  },
  { path: '/users', label: 'nav.users', icon: <TeamOutlined />, visible: (s) => s.abilities.manageUsers },
  {
    path: '/leadership-groups',
    label: 'nav.leadershipGroups',
    icon: <UsergroupAddOutlined />,
    visible: (s) => s.abilities.manageLeadershipGroups,
  },
  {
    path: '/receptions',
    label: { receptions: 'nav.receptions' },
    icon: <ScheduleOutlined />,
    visible: (s) => s.abilities.petitions,
  },
  {
    path: '/receptions/visit',
    label: { receptions: 'nav.visit' },
    icon: <SolutionOutlined />,
    visible: (s) => s.abilities.registerPetitions,
  },
  {
    path: '/return-visits',
    label: { receptions: 'nav.returnVisits' },
    icon: <CarryOutOutlined />,
    visible: (s) => s.abilities.petitions,
  },
  {
    path: '/reception-rules',
    label: { receptions: 'nav.rules' },
    icon: <ControlOutlined />,
    visible: (s) => s.abilities.manageUnits,
  },
  {
    path: '/supervision',
    label: { supervision: 'nav.supervision' },
    icon: <AlertOutlined />,
    visible: (s) => s.roles.includes('supervisor') || s.roles.includes('leader'),
  },
  {
    path: '/notifications',
    label: { notifications: 'nav.notifications' },
    icon: <BellOutlined />,
    visible: receivesNotifications,
  },
  {
    path: '/webhooks',
    label: { notifications: 'nav.webhooks' },
    icon: <ApiOutlined />,
    visible: (s) => s.abilities.manageUnits,
  },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, visible: (s) => s.abilities.readAudit },
  {
    path: '/calendar',
    label: 'nav.calendar',
    icon: <CalendarOutlined />,
    visible: (s) => s.abilities.manageCalendar || s.abilities.petitions,
  },
  { path: '/account', label: 'nav.account', icon: <UserOutlined />, visible: () => true },
];

/** The menu items visible to a session, in menu order. */
export function visibleNav(session: Session): NavItem[] {
  return NAV.filter((n) => n.visible(session));
}

/** Chinese offices show the given name (the last two characters) of a personal name. */
function avatarText(name: string): string {
  const chars = [...name];
  return chars.length <= 3 ? chars.slice(-2).join('') : (chars[0] ?? '');
}

/** The menu item of a page: the longest menu path the address starts with (/petitions/new is 登记, not 信访事项). */
function selectedKey(pathname: string): string {
  const hit = NAV.filter((n) => n.path !== '/' && pathname.startsWith(n.path)).sort(
    (a, b) => b.path.length - a.path.length,
  );
  return hit[0]?.path ?? '/';
}

/** Top bar, side menu (a drawer on phones) and the page. */
export function AppLayout() {
  const session = useSession();
  const { t, locale } = useI18n();
  const text = (l: NavItem['label']) =>
    typeof l === 'string'
      ? t(l)
      : 'ownership' in l
        ? ownershipText(locale, l.ownership)
        : 'notifications' in l
          ? notificationsText(locale, l.notifications)
          : 'supervision' in l
            ? supervisionText(locale, l.supervision)
            : receptionsText(locale, l.receptions);
  const screens = Grid.useBreakpoint();
  const desktop = screens.lg ?? window.innerWidth >= 992;
  const navigate = useNavigate();
  const navigation = useNavigation();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items: MenuProps['items'] = visibleNav(session).map((n) => ({
    key: n.path,
    icon: n.icon,
    label:
      n.path === '/petitions' ? (
        <PetitionsMenuLabel label={text(n.label)} onNavigate={() => setDrawerOpen(false)} />
      ) : (
        text(n.label)
      ),
  }));
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(location.pathname)]}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      className="side-menu"
    />
  );

  const logout = async () => {
    try {
      await authApi.logout();
    } finally {
      rememberSecondFactorStep(null);
      queryClient.clear();
      message.success(t('nav.loggedOut'));
      navigate('/login', { replace: true });
    }
  };

  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header">
        <div className="app-header-left">
          {!desktop && (
            <Button
              type="text"
              className="header-button"
              icon={<MenuOutlined />}
              aria-label={t('app.menu')}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <button type="button" className="brand-link" onClick={() => navigate('/')}>
            <Brand compact={!screens.md} />
          </button>
        </div>
        <div className="app-header-right">
          {screens.md && session.unitName && <span className="unit-chip">{session.unitName}</span>}
          {receivesNotifications(session) && <NotificationBell />}
          <LanguageSwitch />
          <Dropdown
            trigger={['click']}
            placement="bottomRight"
            menu={{
              items: [
                { key: 'account', icon: <UserOutlined />, label: t('nav.account') },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), danger: true },
              ],
              onClick: ({ key }) => (key === 'logout' ? void logout() : navigate('/account')),
            }}
          >
            <Button type="text" className="header-button user-button" data-testid="user-menu">
              <Avatar size={28} className="user-avatar">
                {avatarText(session.name)}
              </Avatar>
              {screens.sm && <span className="user-name">{session.name}</span>}
              <DownOutlined className="user-caret" />
            </Button>
          </Dropdown>
        </div>
      </Layout.Header>
      <div className={`route-progress${navigation.state === 'loading' ? ' active' : ''}`} />
      <Layout>
        {desktop && (
          <Layout.Sider width={216} className="app-sider">
            {menu}
          </Layout.Sider>
        )}
        <Drawer
          open={!desktop && drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={264}
          title={<Brand tone="dark" compact />}
          styles={{ body: { padding: 8 } }}
        >
          {session.unitName && <div className="drawer-unit">{session.unitName}</div>}
          {menu}
        </Drawer>
        <Layout.Content className="app-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
          <footer className="app-footer">
            {t('app.footer')} · {t('app.motto')}
          </footer>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
