import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { IdNumberSchema, PhoneSchema } from '../../../../../shared/contracts/petitions.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { petitionsApi } from '../petitions.api.ts';

/**
 * While a clerk types a petitioner's ID number or phone, shows that person's earlier matters the
 * clerk may see, so a repeat is recognised before it is registered again (信访工作条例 第19条).
 */
export function PetitionerHistory({ idNumber, phone }: { idNumber?: string; phone?: string }) {
  const { t } = useI18n();
  const id = IdNumberSchema.safeParse(idNumber ?? '');
  const tel = PhoneSchema.safeParse(phone ?? '');
  const body = {
    ...(id.success && id.data.length === 18 ? { idNumber: id.data } : {}),
    ...(tel.success && tel.data.length >= 11 ? { phone: tel.data } : {}),
  };
  const enabled = Object.keys(body).length > 0;
  const history = useQuery({
    queryKey: ['petitions', 'petitioner-lookup', body],
    queryFn: () => petitionsApi.lookUpPetitioner(body),
    enabled,
    staleTime: 30_000,
  });
  const items = history.data?.items ?? [];
  if (!enabled || items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="pet-petitioner-history"
      title={t('pet.reg.history', { n: items.length })}
      description={
        <ul className="pet-history-list">
          {items.map((p) => (
            <li key={p.id}>
              <Link to={`/petitions/${p.id}`} target="_blank" rel="noopener">
                {p.number}
              </Link>{' '}
              {p.title} · {p.unitName} · {p.receivedOn} · {p.statusLabel}
            </li>
          ))}
        </ul>
      }
    />
  );
}
