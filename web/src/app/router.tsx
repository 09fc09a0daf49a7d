import { createBrowserRouter, type RouteObject } from 'react-router';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import type { MeAbilities } from '../features/auth/auth.api.ts';
import { AppLayout } from './layout/app-layout.tsx';
import { RequireAbility } from './layout/require-ability.tsx';
import { RouteError } from './layout/route-error.tsx';
import { SessionGate } from './layout/session-gate.tsx';
import { NotFoundPage } from './not-found-page.tsx';

type AbilityFlag = Exclude<keyof MeAbilities, 'grantableRoles'>;

function guarded(path: string, ability: AbilityFlag, lazy: RouteObject['lazy']): RouteObject {
  return { path, element: <RequireAbility ability={ability} />, children: [{ index: true, lazy }] };
}

const routes: RouteObject[] = [
  {
    path: '/login',
    hydrateFallbackElement: <FullPageSpin />,
    errorElement: <RouteError />,
    lazy: () => import('../features/auth/pages/login-page.tsx').then((m) => ({ Component: m.LoginPage })),
  },
  {
    path: '/login/second-factor',
    hydrateFallbackElement: <FullPageSpin />,
    errorElement: <RouteError />,
    lazy: () =>
      import('../features/auth/pages/second-factor-page.tsx').then((m) => ({
        Component: m.SecondFactorPage,
      })),
  },
  {
    path: '/',
    element: <SessionGate />,
    hydrateFallbackElement: <FullPageSpin />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppLayout />,
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            lazy: () =>
              import('../features/home/pages/home-page.tsx').then((m) => ({ Component: m.HomePage })),
          },
          guarded('units', 'manageUnits', () =>
            import('../features/org/pages/units-page.tsx').then((m) => ({ Component: m.UnitsPage })),
          ),
          guarded('users', 'manageUsers', () =>
            import('../features/org/pages/users-page.tsx').then((m) => ({ Component: m.UsersPage })),
          ),
          guarded('leadership-groups', 'manageLeadershipGroups', () =>
            import('../features/org/pages/leadership-groups-page.tsx').then((m) => ({
              Component: m.LeadershipGroupsPage,
            })),
          ),
          guarded('petitions', 'petitions', () =>
            import('../features/petitions/pages/worklist-page.tsx').then((m) => ({
              Component: m.WorklistPage,
            })),
          ),
          guarded('petitions/new', 'registerPetitions', () =>
            import('../features/petitions/pages/register-page.tsx').then((m) => ({
              Component: m.RegisterPage,
            })),
          ),
          guarded('petitions/import', 'registerPetitions', () =>
            import('../features/ledger/pages/import-page.tsx').then((m) => ({
              Component: m.LedgerImportPage,
            })),
          ),
          guarded('petitions/:id', 'petitions', () =>
            import('../features/petitions/pages/petition-page.tsx').then((m) => ({
              Component: m.PetitionPage,
            })),
          ),
          guarded('ownership', 'petitions', () =>
            import('../features/ownership/pages/board-page.tsx').then((m) => ({ Component: m.BoardPage })),
          ),
          guarded('receptions', 'petitions', () =>
            import('../features/receptions/pages/reception-calendar-page.tsx').then((m) => ({
              Component: m.ReceptionCalendarPage,
            })),
          ),
          guarded('receptions/visit', 'registerPetitions', () =>
            import('../features/receptions/pages/visit-page.tsx').then((m) => ({ Component: m.VisitPage })),
          ),
          guarded('return-visits', 'petitions', () =>
            import('../features/receptions/pages/return-visits-page.tsx').then((m) => ({
              Component: m.ReturnVisitsPage,
            })),
          ),
          guarded('reception-rules', 'manageUnits', () =>
            import('../features/receptions/pages/reception-rules-page.tsx').then((m) => ({
              Component: m.ReceptionRulesPage,
            })),
          ),
          {
            path: 'calendar',
            lazy: () =>
              import('../features/calendar/pages/calendar-page.tsx').then((m) => ({
                Component: m.CalendarPage,
              })),
          },
          guarded('supervision', 'petitions', () =>
            import('../features/supervision/pages/notices-page.tsx').then((m) => ({
              Component: m.NoticesPage,
            })),
          ),
          guarded('supervision/:id', 'petitions', () =>
            import('../features/supervision/pages/notice-page.tsx').then((m) => ({
              Component: m.NoticePage,
            })),
          ),
          {
            path: 'notifications',
            lazy: () =>
              import('../features/notifications/pages/notifications-page.tsx').then((m) => ({
                Component: m.NotificationsPage,
              })),
          },
          guarded('webhooks', 'manageUnits', () =>
            import('../features/notifications/pages/webhooks-page.tsx').then((m) => ({
              Component: m.WebhooksPage,
            })),
          ),
          guarded('audit', 'readAudit', () =>
            import('../features/audit/pages/audit-page.tsx').then((m) => ({ Component: m.AuditPage })),
          ),
          {
            path: 'account',
            lazy: () =>
              import('../features/account/pages/account-page.tsx').then((m) => ({
                Component: m.AccountPage,
              })),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

/** The staff app's routes; pages load lazily so the login screen stays small. */
export const router = createBrowserRouter(routes);
