import { ImportOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Grid, Select, Spin, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/page-header.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { chinaToday } from '../../petitions/petition-view.ts';
import { type CalendarYearList, calendarApi, calendarKeys } from '../calendar.api.ts';
import { CalendarWarningBanner } from '../components/calendar-warning-banner.tsx';
import { ImportDialog } from '../components/import-dialog.tsx';
import { YearMonths } from '../components/year-months.tsx';
import '../calendar.css';

/** A year of the list, or a year (this or next) still without a schedule. */
type YearRow = CalendarYearList['items'][number] | { year: number; missing: true };

const isMissing = (r: YearRow): r is { year: number; missing: true } => 'missing' in r;

/** 节假日安排: the years known with their source, the missing-year warning, a year's months, and import. */
export function CalendarPage() {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const thisYear = Number(chinaToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [importing, setImporting] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);

  const years = useQuery({ queryKey: calendarKeys.years, queryFn: calendarApi.years });
  const days = useQuery({
    queryKey: calendarKeys.days(year),
    queryFn: () => calendarApi.days(`${year}-01-01`, `${year}-12-31`),
  });
  const schedule = useQuery({
    queryKey: calendarKeys.year(year),
    queryFn: () => calendarApi.year(year),
    meta: { silent: true },
    retry: false,
  });

  const yearOptions = useMemo(() => {
    const set = new Set<number>([thisYear, thisYear + 1, ...(years.data?.items ?? []).map((y) => y.year)]);
    for (const y of years.data?.missing ?? []) set.add(y);
    return [...set].sort((a, b) => b - a).map((y) => ({ value: y, label: String(y) }));
  }, [years.data, thisYear]);
  const missingYear = (days.data?.missing ?? []).includes(year);

  const source = (s: CalendarYearList['items'][number]['source']) => (
    <Tag color={s === 'built_in' ? 'default' : 'blue'} variant="filled">
      {t(`cal.source.${s}`)}
    </Tag>
  );
  const count = (key: 'holidays' | 'restDays' | 'makeupWorkdays') => (_v: unknown, r: YearRow) =>
    isMissing(r) ? <span className="muted">—</span> : r[key];
  const columns: ColumnsType<YearRow> = [
    {
      title: t('cal.year'),
      dataIndex: 'year',
      key: 'year',
      width: 90,
      render: (y: number) => (
        <Button type="link" size="small" onClick={() => setYear(y)} className="cal-year-link">
          {y}
        </Button>
      ),
    },
    {
      title: t('cal.source'),
      key: 'source',
      render: (_v, r) =>
        isMissing(r) ? (
          <Tag color="red" variant="filled">
            {t('cal.notEntered')}
          </Tag>
        ) : (
          <div className="cal-source">
            <span>
              {source(r.source)}
              {r.replacesBuiltIn && <Tag color="orange">{t('cal.replacesBuiltIn')}</Tag>}
            </span>
            {r.importedAt && (
              <span className="muted">
                {dayjs(r.importedAt).format('YYYY-MM-DD HH:mm')} {r.importedByName ?? ''}
              </span>
            )}
          </div>
        ),
    },
    { title: t('cal.holidays'), key: 'holidays', width: 64, render: count('holidays') },
    { title: t('cal.restDays'), key: 'restDays', width: 84, render: count('restDays') },
    { title: t('cal.makeupWorkdays'), key: 'makeup', width: 84, render: count('makeupWorkdays') },
  ];
  const rows = useMemo<YearRow[]>(
    () =>
      [
        ...(years.data?.items ?? []),
        ...(years.data?.missing ?? []).map((year) => ({ year, missing: true as const })),
      ].sort((a, b) => b.year - a.year),
    [years.data],
  );

  return (
    <div className="cal-page">
      <PageHeader
        title={t('cal.title')}
        subtitle={t('cal.subtitle')}
        extra={
          years.data?.abilities.import && (
            <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              {t('cal.import')}
            </Button>
          )
        }
      />
      <CalendarWarningBanner />
      {warnings.length > 0 && (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setWarnings([]) }}
          title={t('cal.warnings')}
          description={
            <ul className="cal-problems">
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {years.data && !years.data.abilities.import && (
        <p className="muted cal-help">{t('cal.importOnlyAdmin')}</p>
      )}
      <div className="cal-layout">
        <Card
          className="cal-view"
          title={
            <span className="cal-view-title">
              {t('cal.showYear')}
              <Select
                value={year}
                onChange={setYear}
                options={yearOptions}
                style={{ width: 110 }}
                aria-label={t('cal.year')}
                data-testid="year-select"
              />
            </span>
          }
        >
          <div className="cal-legend">
            <span className="cal-day holiday">1</span> {t('cal.legendHoliday')}
            <span className="cal-day makeup">1</span> {t('cal.legendMakeup')}
            <span className="cal-day weekend">1</span> {t('cal.legendWeekend')}
            {missingYear && (
              <>
                <span className="cal-day weekend unscheduled">1</span> {t('cal.legendUnscheduled')}
              </>
            )}
          </div>
          {missingYear && (
            <Alert
              type="warning"
              showIcon
              title={t('cal.yearNotScheduled', { year })}
              style={{ marginBottom: 12 }}
              data-testid="year-missing"
            />
          )}
          {schedule.data && schedule.data.holidays.length > 0 && (
            <div className="cal-holidays" data-testid="holiday-list">
              {schedule.data.holidays.map((h) => (
                <Tag key={h.name} color="red" variant="outlined">
                  {h.name} {h.dates[0]?.slice(5)}
                  {h.dates.length > 1 ? ` ~ ${h.dates[h.dates.length - 1]?.slice(5)}` : ''}（{h.dates.length}
                  ）
                </Tag>
              ))}
              {schedule.data.makeupWorkdays.map((d) => (
                <Tag key={d} variant="outlined">
                  {t('cal.work')} {d.slice(5)}
                </Tag>
              ))}
            </div>
          )}
          {days.isPending ? <Spin /> : <YearMonths days={days.data?.items ?? []} />}
        </Card>
        <Card title={t('cal.years')} className="cal-years">
          <Table<YearRow>
            rowKey="year"
            size="small"
            columns={phone ? columns.slice(0, 3) : columns}
            dataSource={rows}
            loading={years.isFetching}
            pagination={{ pageSize: 10, size: 'small', showSizeChanger: false }}
            rowClassName={(r) => (r.year === year ? 'cal-row-current' : '')}
          />
        </Card>
      </div>
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(r) => {
          setWarnings(r.warnings);
          if (r.imported[0]) setYear(r.imported[0]);
        }}
      />
    </div>
  );
}
