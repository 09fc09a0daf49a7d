import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  FileAddOutlined,
  FileTextOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Card } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { type Session, useSession } from '../../../app/session.tsx';
import { RoleTags } from '../../../components/role-tags.tsx';
import { type MessageKey, useI18n } from '../../../i18n/i18n.tsx';
import { CalendarWarningBanner } from '../../calendar/components/calendar-warning-banner.tsx';

/** The greeting for the hour of the day, as Chinese offices say it. */
export function greetingKey(hour: number): MessageKey {
  if (hour < 9) return 'home.morning';
  if (hour < 11) return 'home.forenoon';
  if (hour < 13) return 'home.noon';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

interface ModuleLink {
  path: string;
  title: MessageKey;
  desc: MessageKey;
  icon: ReactNode;
  visible: (s: Session) => boolean;
}

const MODULES: ModuleLink[] = [
  {
    path: '/petitions',
    title: 'nav.petitions',
    desc: 'home.petitionsDesc',
    icon: <FileTextOutlined />,
    visible: (s) => s.abilities.petitions,
  },
  {
    path: '/petitions/new',
    title: 'pet.reg.title',
    desc: 'home.registerDesc',
    icon: <FileAddOutlined />,
    visible: (s) => s.abilities.registerPetitions,
  },
  {
    path: '/units',
    title: 'nav.units',
    desc: 'home.unitsDesc',
    icon: <ApartmentOutlined />,
    visible: (s) => s.abilities.manageUnits,
  },
  {
    path: '/users',
    title: 'nav.users',
    desc: 'home.usersDesc',
    icon: <TeamOutlined />,
    visible: (s) => s.abilities.manageUsers,
  },
  {
    path: '/leadership-groups',
    title: 'nav.leadershipGroups',
    desc: 'home.leadershipGroupsDesc',
    icon: <UsergroupAddOutlined />,
    visible: (s) => s.abilities.manageLeadershipGroups,
  },
  {
    path: '/audit',
    title: 'nav.audit',
    desc: 'home.auditDesc',
    icon: <AuditOutlined />,
    visible: (s) => s.abilities.readAudit,
  },
  {
    path: '/calendar',
    title: 'nav.calendar',
    desc: 'home.calendarDesc',
    icon: <CalendarOutlined />,
    visible: (s) => s.abilities.manageCalendar,
  },
  {
    path: '/account',
    title: 'nav.account',
    desc: 'home.accountDesc',
    icon: <UserOutlined />,
    visible: () => true,
  },
];

/** The first page after login: who you are, where you work, and the modules you may use. */
export function HomePage() {
  const me = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div>
      <section className="welcome" data-testid="welcome">
        <h1>{t('home.greeting', { greeting: t(greetingKey(new Date().getHours())), name: me.name })}</h1>
        <div className="welcome-meta">
          <span>
            <span className="label">{t('home.unit')}</span>
            {me.unitName ?? '—'}
          </span>
          <span>
            <span className="label">{t('home.roles')}</span>
            <RoleTags roles={me.roles} />
          </span>
        </div>
        <div className="welcome-motto">{t('app.motto')}</div>
      </section>
      {me.abilities.manageCalendar && <CalendarWarningBanner />}
      <div className="section-title">{t('home.quickLinks')}</div>
      <div className="module-grid">
        {MODULES.filter((m) => m.visible(me)).map((m) => (
          <Card key={m.path} className="module-card" onClick={() => navigate(m.path)}>
            <span className="module-icon">{m.icon}</span>
            <h3>{t(m.title)}</h3>
            <p>{t(m.desc)}</p>
          </Card>
        ))}
        <Card className="module-card" onClick={() => navigate('/account')}>
          <span className="module-icon" style={{ color: me.totpEnabled ? '#2f8a4c' : '#c77c12' }}>
            <SafetyCertificateOutlined />
          </span>
          <h3>{t('home.securityTitle')}</h3>
          <p>
            {me.totpEnabled ? t('home.twofaOn') : t('home.twofaOff')}
            <br />
            {t('home.sessionNote')}
          </p>
        </Card>
      </div>
    </div>
  );
}
