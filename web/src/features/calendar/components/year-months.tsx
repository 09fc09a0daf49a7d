import { Tooltip } from 'antd';
import { useI18n } from '../../../i18n/i18n.tsx';
import type { CalendarDay } from '../calendar.api.ts';

/** The days of one month in weeks starting on Monday, with blanks before the first day. */
export function monthWeeks(days: readonly CalendarDay[]): (CalendarDay | null)[][] {
  if (days.length === 0) return [];
  const first = days[0] as CalendarDay;
  const lead = (first.weekday + 6) % 7;
  const cells: (CalendarDay | null)[] = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

function dayClass(d: CalendarDay): string {
  if (d.reason === 'holiday') return 'cal-day holiday';
  if (d.reason === 'makeup_workday') return 'cal-day makeup';
  if (d.reason === 'weekend') return d.scheduled ? 'cal-day weekend' : 'cal-day weekend unscheduled';
  return d.scheduled ? 'cal-day' : 'cal-day unscheduled';
}

/** Twelve month grids of a year: holidays (休, named), make-up workdays (班) and weekends. */
export function YearMonths({ days }: { days: readonly CalendarDay[] }) {
  const { t } = useI18n();
  const weekdays = t('cal.weekdays').split(',');
  const byMonth = new Map<number, CalendarDay[]>();
  for (const d of days) {
    const m = Number(d.date.slice(5, 7));
    byMonth.set(m, [...(byMonth.get(m) ?? []), d]);
  }
  return (
    <div className="cal-months">
      {[...byMonth.entries()].map(([month, list]) => (
        <section key={month} className="cal-month" data-testid={`month-${month}`}>
          <h4>{t('cal.month', { month })}</h4>
          <table>
            <thead>
              <tr>
                {weekdays.map((w, i) => (
                  <th key={w} className={i >= 5 ? 'weekend' : undefined}>
                    {w}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthWeeks(list).map((week) => (
                <tr key={week.find(Boolean)?.date}>
                  {week.map((d, i) =>
                    d ? (
                      <td key={d.date}>
                        <Tooltip
                          title={
                            d.reason === 'holiday'
                              ? `${d.date} ${d.holiday ?? ''}`
                              : d.reason === 'makeup_workday'
                                ? `${d.date} ${t('cal.legendMakeup')}${d.holiday ? `（${d.holiday}）` : ''}`
                                : undefined
                          }
                        >
                          <span className={dayClass(d)} data-date={d.date}>
                            {Number(d.date.slice(8))}
                            {d.reason === 'holiday' && <i>{t('cal.rest')}</i>}
                            {d.reason === 'makeup_workday' && <i>{t('cal.work')}</i>}
                          </span>
                        </Tooltip>
                      </td>
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: blank cells have no identity but their place
                      <td key={`blank-${i}`} />
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
