import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { type Locale, useI18n } from '../i18n/i18n.tsx';

const NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

/** Switches between Chinese and English; the choice is remembered on this browser. */
export function LanguageSwitch({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: (Object.keys(NAMES) as Locale[]).map((l) => ({ key: l, label: NAMES[l] })),
        onClick: ({ key }) => setLocale(key as Locale),
      }}
    >
      <Button
        type="text"
        aria-label={t('app.language')}
        icon={<GlobalOutlined />}
        className={tone === 'dark' ? 'header-button' : undefined}
      >
        {locale === 'en' ? 'EN' : '中文'}
      </Button>
    </Dropdown>
  );
}
