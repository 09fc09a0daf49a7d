import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../../../app/session.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { calendarApi, calendarKeys } from '../calendar.api.ts';

/**
 * The warning that this or next year has no holiday schedule (deadlines in it are counted on
 * weekends alone and flagged); administrators get a button to the import page. `show` false hides it.
 */
export function CalendarWarningBanner({ show = true }: { show?: boolean }) {
  const me = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const years = useQuery({
    queryKey: calendarKeys.years,
    queryFn: calendarApi.years,
    staleTime: 5 * 60_000,
    meta: { silent: true },
  });
  const warning = years.data?.warning;
  if (!show || !warning || (years.data?.missing.length ?? 0) === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="calendar-warning"
      data-testid="calendar-warning"
      title={warning}
      action={
        me.abilities.manageCalendar &&
        location.pathname !== '/calendar' && (
          <Button size="small" onClick={() => navigate('/calendar')}>
            {t('cal.missingAction')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
