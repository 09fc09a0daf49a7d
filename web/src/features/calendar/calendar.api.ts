import type { z } from 'zod';
import type {
  CalendarDay,
  CalendarDaysResponse,
  CalendarYear,
  CalendarYearList,
  ImportCalendarInput,
  ImportCalendarResult,
} from '../../../../shared/contracts/calendar.ts';
import { http } from '../../lib/http.ts';

export type { CalendarDay, CalendarYear, CalendarYearList, ImportCalendarInput, ImportCalendarResult };

export const calendarKeys = {
  all: ['calendar'] as const,
  years: ['calendar', 'years'] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
  days: (year: number) => ['calendar', 'days', year] as const,
};

export const calendarApi = {
  years: () => http.get<CalendarYearList>('/api/v1/calendar/years'),
  year: (year: number) => http.get<CalendarYear>(`/api/v1/calendar/years/${year}`),
  days: (from: string, to: string) =>
    http.get<z.infer<typeof CalendarDaysResponse>>('/api/v1/calendar/days', { from, to }),
  import: (body: ImportCalendarInput, key: string) =>
    http.create<ImportCalendarResult>('/api/v1/calendar/import', body, key),
};
