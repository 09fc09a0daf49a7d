// What other modules use of the calendar module (petitions: deadlines on the official calendar).
export { loadCalendar, missingCalendarYears, missingYearsWarning } from './load-calendar.ts';
export { loadUnitRules } from './load-unit-rules.ts';
