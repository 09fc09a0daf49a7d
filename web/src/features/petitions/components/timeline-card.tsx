import { FileWordOutlined } from '@ant-design/icons';
import { Card, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n/i18n.tsx';
import { documentUrl, type Petition, type PetitionEvent } from '../petitions.api.ts';

const DECISIONS = new Set(['support', 'explain', 'not_support']);
const REVIEW_DECISIONS = new Set(['upheld', 'revised']);

/** The timeline: what happened, on which day, who did it, why, and the document it produced. */
export function TimelineCard({ petition }: { petition: Petition }) {
  const { t } = useI18n();
  const docs = new Map(petition.documents.map((d) => [d.id, d]));

  /** A short line from the event's non-personal details (units, handler, days, decision). */
  const detail = (e: PetitionEvent): string | null => {
    const d = (e.data ?? {}) as Record<string, unknown>;
    const parts: string[] = [];
    if (typeof d.toUnitName === 'string') parts.push(`→ ${d.toUnitName}`);
    if (typeof d.handlerName === 'string')
      parts.push(
        `${t('pet.handler')}：${d.handlerName}${typeof d.unitName === 'string' && d.unitName ? `（${d.unitName}）` : ''}`,
      );
    else if (typeof d.unitName === 'string' && d.unitName) parts.push(d.unitName);
    if (typeof d.days === 'number') parts.push(t('pet.case.extended', { days: d.days }));
    if (typeof d.decision === 'string' && DECISIONS.has(d.decision))
      parts.push(t(`pet.action.decision.${d.decision as 'support'}`));
    if (typeof d.decision === 'string' && REVIEW_DECISIONS.has(d.decision))
      parts.push(t(`pet.action.reviewDecision.${d.decision as 'upheld'}`));
    if (typeof d.route === 'string') parts.push(t(`pet.action.route.${d.route as 'other'}`));
    return parts.length ? parts.join(' · ') : null;
  };

  return (
    <Card title={t('pet.case.timeline')} className="pet-card-block" data-testid="timeline">
      <Timeline
        items={petition.events.map((e) => {
          const doc = e.documentId ? docs.get(e.documentId) : undefined;
          const line = detail(e);
          return {
            key: e.id,
            color: e.action === 'reject' ? 'red' : e.action.includes('review') ? 'purple' : 'blue',
            content: (
              <div className="pet-event">
                <div className="pet-event-head">
                  <strong>{e.label}</strong>
                  <span className="muted">
                    {e.actorName} · {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                    {e.on !== dayjs(e.at).format('YYYY-MM-DD') ? ` · ${t('pet.action.on')} ${e.on}` : ''}
                  </span>
                </div>
                {line && <div className="pet-event-detail">{line}</div>}
                {e.note && <div className="pet-event-note">{e.note}</div>}
                {e.documentId && petition.abilities.downloadDocuments && (
                  <a className="pet-event-doc" href={documentUrl(petition.id, e.documentId)} download>
                    <FileWordOutlined /> {doc ? `${doc.title} ${doc.number}` : t('pet.case.download')}
                  </a>
                )}
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}
