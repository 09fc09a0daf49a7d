import { useI18n } from '../i18n/i18n.tsx';

/** The mark: 回 drawn as a square within a square, an echo answering a voice. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#c0262d" />
      <rect x="6" y="6" width="20" height="20" rx="2" fill="none" stroke="#fff" strokeWidth="3" />
      <rect x="12" y="12" width="8" height="8" rx="1" fill="none" stroke="#fff" strokeWidth="3" />
    </svg>
  );
}

/** Product name with the motto; `compact` drops the motto on narrow screens. */
export function Brand({ compact = false, tone = 'light' }: { compact?: boolean; tone?: 'light' | 'dark' }) {
  const { t } = useI18n();
  return (
    <div className={`brand brand-${tone}`}>
      <BrandMark />
      <span className="brand-name">{t('app.name')}</span>
      {!compact && <span className="brand-motto">{t('app.motto')}</span>}
    </div>
  );
}
