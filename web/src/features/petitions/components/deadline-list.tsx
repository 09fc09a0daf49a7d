import { Tag } from 'antd';
import { describeFlag } from '../../../../../shared/deadlines/compute.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { chinaToday, deadlineTone, TONE_COLOR, type Tone } from '../petition-view.ts';
import type { DeadlineView } from '../petitions.api.ts';
import { CalendarMissingMark } from './petition-tags.tsx';

/**
 * The legal time limits of a case, each with its last day in colour (red overdue, orange within
 * 3 days, green done), the rule that produced it, and a ⚠ when its year has no holiday schedule.
 */
export function DeadlineList({ deadlines }: { deadlines: readonly DeadlineView[] }) {
  const { t } = useI18n();
  const today = chinaToday();
  if (deadlines.length === 0) return <p className="muted">{t('pet.case.noDeadlines')}</p>;
  const statusText = (d: DeadlineView, tone: Tone) => {
    if (d.status === 'met')
      return d.metOn ? t('pet.case.deadlineMet', { on: d.metOn }) : t('pet.case.deadline.met');
    if (tone === 'overdue') return t('pet.case.deadline.overdue');
    if (tone === 'closed') return t('pet.case.deadline.windowClosed');
    if (tone === 'soon') return t('pet.dueSoon');
    return t('pet.case.deadline.open');
  };
  // What still runs comes first, the nearest last day on top; what is done follows.
  const ordered = [...deadlines].sort(
    (a, b) => Number(a.status === 'met') - Number(b.status === 'met') || a.due.localeCompare(b.due),
  );
  return (
    <ul className="pet-deadlines" data-testid="deadlines">
      {ordered.map((d) => {
        const tone = deadlineTone(d, today);
        return (
          <li key={`${d.kind}-${d.ruleId}`} className="pet-deadline" data-tone={tone} data-kind={d.kind}>
            <div className="pet-deadline-head">
              <span className="pet-deadline-label">
                {d.label}
                {!d.duty && <span className="pet-deadline-window">{t('pet.case.window')}</span>}
              </span>
              <span className="pet-deadline-due">
                <Tag
                  color={TONE_COLOR[tone]}
                  variant={tone === 'open' || tone === 'closed' ? 'outlined' : 'solid'}
                >
                  {d.due}
                </Tag>
                {d.status !== 'met' && d.flags.some((f) => f.startsWith('calendar_missing')) && (
                  <CalendarMissingMark
                    text={d.flags
                      .filter((f) => f.startsWith('calendar_missing'))
                      .map(describeFlag)
                      .join(' ')}
                  />
                )}
              </span>
            </div>
            <div className="pet-deadline-status" data-tone={tone}>
              {statusText(d, tone)} · {t('pet.case.deadlineStart', { start: d.start })}
            </div>
            <div className="pet-deadline-rule">
              <span className="pet-deadline-rule-label">{t('pet.case.deadlineRule')}</span>
              {d.rule}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
