import { useI18n } from '../../../i18n/i18n.tsx';
import type { UnitKind } from '../org.api.ts';

/** A unit kind as a small coloured label (县/区, 乡镇/街道, 村/社区, 部门, 办公室). */
export function KindLabel({ kind }: { kind: UnitKind }) {
  const { t } = useI18n();
  return <span className={`kind-dot kind-${kind}`}>{t(`kind.${kind}`)}</span>;
}
