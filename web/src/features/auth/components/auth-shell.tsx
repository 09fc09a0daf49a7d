import { CheckCircleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Brand } from '../../../components/brand.tsx';
import { LanguageSwitch } from '../../../components/language-switch.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';

/** The frame of the pages before the app: the product's promise on the left, the form on the right. */
export function AuthShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="auth-page">
      <aside className="auth-hero">
        <div style={{ position: 'relative', zIndex: 1 }}>
          <Brand compact />
          <h2>{t('login.heroTitle')}</h2>
          <p className="auth-motto">{t('app.motto')}</p>
          <p className="auth-text">{t('login.heroText')}</p>
          <ul className="auth-features">
            {(['login.feature1', 'login.feature2', 'login.feature3'] as const).map((k) => (
              <li key={k}>
                <CheckCircleOutlined />
                {t(k)}
              </li>
            ))}
          </ul>
        </div>
        <div className="auth-hero-foot">{t('app.fullName')}</div>
      </aside>
      <main className="auth-main">
        <div className="auth-lang">
          <LanguageSwitch tone="light" />
        </div>
        <div className="auth-mobile-brand">
          <Brand compact />
          <p className="auth-motto">{t('app.motto')}</p>
        </div>
        <div className="auth-card">{children}</div>
      </main>
    </div>
  );
}
