import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { useI18n } from '../../i18n/i18n.tsx';

/** A page that failed to load (usually a new release replaced its chunk): offer a reload. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('app.loadFailed')}
      subTitle={error instanceof Error ? error.message : undefined}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('app.retry')}
        </Button>
      }
    />
  );
}
