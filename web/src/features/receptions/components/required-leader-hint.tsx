import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { receptionKeys, receptionsApi } from '../receptions.api.ts';
import { useReceptionsText } from '../receptions.i18n.ts';

/** The leader a visit of this size must be received by, live from the unit's rules (or the case's owning leader). */
export function RequiredLeaderHint({
  unitId,
  peopleCount,
  petitionId,
}: {
  unitId?: string;
  peopleCount: number;
  petitionId?: string;
}) {
  const rt = useReceptionsText();
  const required = useQuery({
    queryKey: receptionKeys.required(unitId ?? '', peopleCount, petitionId),
    queryFn: () => receptionsApi.required(unitId as string, peopleCount, petitionId),
    enabled: Boolean(unitId) && peopleCount >= 1,
    meta: { silent: true },
  });
  const r = required.data;
  if (!r) return null;
  const level = rt(`visit.level.${r.level}`);
  return (
    <Alert
      className="rcp-required"
      data-testid="required-leader"
      type={r.level === 'none' ? 'info' : 'warning'}
      showIcon
      title={
        r.level === 'none'
          ? rt('visit.requiredNone', { deputyFrom: r.deputyFrom })
          : r.leader
            ? rt('visit.requiredWho', { level, name: r.leader.name })
            : rt('visit.required', { level })
      }
      description={rt('visit.rules', { principalFrom: r.principalFrom, deputyFrom: r.deputyFrom })}
    />
  );
}
