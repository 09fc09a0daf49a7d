import { computeCaseDeadlines } from '../../../../../shared/deadlines/index.ts';
import type { Db } from '../../../platform/db/schema.ts';
import { loadCalendar, loadUnitRules } from '../../calendar/index.ts';
import { caseEventsOf, nextDutyDeadline, type TimelineStep, trackDeadlines } from '../case-deadlines.ts';
import { TERMINAL_STATUSES, type TimelineAction } from '../petition.ts';
import {
  listEvents,
  listUnfinishedPetitions,
  replaceDeadlines,
  setDeadlineSummary,
} from '../petitions.repository.ts';
import type { PetitionDeadlinesTable, PetitionEventsTable } from '../petitions.tables.ts';

/** The timeline rows as the deadline tracker reads them. */
export function timelineSteps(events: readonly PetitionEventsTable[]): TimelineStep[] {
  return events.map((e) => {
    const data = e.data_json ? (JSON.parse(e.data_json) as { days?: number }) : {};
    return {
      action: e.action as TimelineAction,
      on: e.happened_on,
      ...(typeof data.days === 'number' ? { days: data.days } : {}),
    };
  });
}

/**
 * Recomputes and stores every deadline of a case from its timeline, on the official calendar
 * (built-in plus imported years) with the rules and track of the unit that owns the case now;
 * keeps the earliest open duty deadline and the calendar warning on the case for lists.
 */
export async function recomputeDeadlines(
  db: Db,
  petition: { id: string; unit_id: string },
): Promise<PetitionDeadlinesTable[]> {
  const steps = timelineSteps(await listEvents(db, petition.id));
  const calendar = await loadCalendar(db);
  const { rules, simpleTrack } = await loadUnitRules(db, petition.unit_id);
  const tracked = trackDeadlines(
    steps,
    computeCaseDeadlines(caseEventsOf(steps), rules, calendar, { simpleTrack }),
  );
  const rows: PetitionDeadlinesTable[] = tracked.map((d) => ({
    petition_id: petition.id,
    kind: d.kind,
    due: d.due,
    rule: d.rule,
    rule_id: d.ruleId,
    label: d.label,
    start_on: d.start,
    flags_json: JSON.stringify(d.flags),
    status: d.status,
    met_on: d.metOn,
  }));
  await replaceDeadlines(db, petition.id, rows);
  const next = nextDutyDeadline(tracked);
  await setDeadlineSummary(db, petition.id, {
    next_due: next?.due ?? null,
    next_due_kind: next?.kind ?? null,
    calendar_warning: tracked.some((d) => d.status === 'open' && d.flags.length > 0) ? 1 : 0,
    simple_track: simpleTrack ? 1 : 0,
  });
  return rows;
}

/**
 * Recomputes the deadlines of every case that is not finished (after a holiday schedule was
 * imported or a unit's rules changed, ADR 0005), in the caller's transaction; returns how many.
 */
export async function recomputeOpenDeadlines(db: Db): Promise<number> {
  const open = await listUnfinishedPetitions(db, TERMINAL_STATUSES);
  for (const p of open) await recomputeDeadlines(db, p);
  return open.length;
}
