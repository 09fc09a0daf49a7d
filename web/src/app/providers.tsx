import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, useEffect } from 'react';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { onErrorMessage } from '../lib/http.ts';
import { queryClient } from './query-client.ts';
import { theme } from './theme.ts';

/** Routes API error messages to antd's message API, which needs the App context. */
function ErrorBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    onErrorMessage((e) => {
      message.error({ content: e.message, key: `${e.code}:${e.message}`, duration: 5 });
    });
  }, [message]);
  return null;
}

function LocalisedAntd({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={theme}
      modal={{ styles: { header: { marginBottom: 20 } } }}
    >
      <AntApp>
        <ErrorBridge />
        {children}
      </AntApp>
    </ConfigProvider>
  );
}

/** Query cache, locale and theme for the whole staff app. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <LocalisedAntd>{children}</LocalisedAntd>
      </I18nProvider>
    </QueryClientProvider>
  );
}
