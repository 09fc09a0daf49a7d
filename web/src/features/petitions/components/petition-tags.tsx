import { WarningFilled } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../../i18n/i18n.tsx';
import { listTone, statusColor, TONE_COLOR } from '../petition-view.ts';
import type { Channel, Classification, PetitionListItem, PetitionStatus } from '../petitions.api.ts';

/** Labels of the petition vocabularies in the current language. */
export function usePetitionLabels() {
  const { t } = useI18n();
  return {
    channel: (c: Channel) => t(`pet.channel.${c}`),
    classification: (c: Classification) => t(`pet.classification.${c}`),
    status: (s: PetitionStatus) => t(`pet.status.${s}`),
  };
}

/** A case's status as a coloured tag. */
export function StatusTag({ status }: { status: PetitionStatus }) {
  const labels = usePetitionLabels();
  return (
    <Tag color={statusColor(status)} variant="filled" className="pet-status-tag">
      {labels.status(status)}
    </Tag>
  );
}

/** The ⚠ marker of a deadline counted without the year's holiday schedule. */
export function CalendarMissingMark({ text }: { text?: string }) {
  const { t } = useI18n();
  return (
    <Tooltip title={text ?? t('pet.calendarMissingTip')}>
      <WarningFilled className="pet-calendar-missing" aria-label={text ?? t('pet.calendarMissingTip')} />
    </Tooltip>
  );
}

/** The worklist's next deadline: red overdue, orange due within 3 days, plain otherwise. */
export function NextDue({ item }: { item: PetitionListItem }) {
  const { t } = useI18n();
  if (!item.nextDue) return <span className="muted">{t('pet.noDue')}</span>;
  const tone = listTone(item);
  return (
    <span className="pet-next-due" data-tone={tone}>
      <Tag color={TONE_COLOR[tone]} variant={tone === 'open' ? 'outlined' : 'solid'}>
        {item.nextDue.due}
      </Tag>
      {tone === 'overdue' && <span className="pet-tone-text overdue">{t('pet.overdue')}</span>}
      {tone === 'soon' && <span className="pet-tone-text soon">{t('pet.dueSoon')}</span>}
      {item.calendarWarning && <CalendarMissingMark />}
    </span>
  );
}
