import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Input, Modal, Radio, Tabs, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { ApiError } from '../../../lib/http.ts';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { useSingleFlight } from '../../../lib/use-single-flight.ts';
import { calendarApi, calendarKeys, type ImportCalendarResult } from '../calendar.api.ts';

const MAX_BYTES = 512 * 1024;

/** JSON or iCalendar, guessed from the file name or the text itself. */
export function guessFormat(content: string, fileName?: string): 'json' | 'ics' {
  if (fileName?.toLowerCase().endsWith('.ics')) return 'ics';
  if (fileName?.toLowerCase().endsWith('.json')) return 'json';
  return /^\s*BEGIN:VCALENDAR/i.test(content) ? 'ics' : 'json';
}

/** The problems the server lists for a refused file (422 invalid_schedule), in Chinese. */
function problemsOf(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details as { problems?: unknown } | undefined;
  return Array.isArray(d?.problems) ? d.problems.filter((p): p is string => typeof p === 'string') : [];
}

/** Imports one or more years' schedules from pasted or uploaded JSON/.ics (sysadmin). */
export function ImportDialog({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: (r: ImportCalendarResult) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [key, renewKey] = useIdempotencyKey();
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState<string | undefined>();
  const [format, setFormat] = useState<'json' | 'ics'>('json');
  const [replace, setReplace] = useState(false);
  const [missing, setMissing] = useState(false);

  const run = useMutation({
    meta: { silent: true },
    mutationFn: () => calendarApi.import({ format, content, replace }, key),
    onSuccess: (r) => {
      renewKey();
      void queryClient.invalidateQueries({ queryKey: calendarKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['petitions'] });
      message.success(t('cal.imported', { years: r.imported.join('、') }));
      onImported(r);
      onClose();
    },
  });
  const submit = useSingleFlight(() => {
    if (!content.trim()) {
      setMissing(true);
      return Promise.resolve();
    }
    return run.mutateAsync();
  });
  const resetRun = run.reset;
  useEffect(() => {
    if (!open) return;
    resetRun();
    setContent('');
    setFileName(undefined);
    setReplace(false);
    setMissing(false);
    setFormat('json');
  }, [open, resetRun]);

  const setText = (text: string, name?: string) => {
    setContent(text);
    setFileName(name);
    setFormat(guessFormat(text, name));
    setMissing(false);
    run.reset();
  };
  const problems = problemsOf(run.error);

  return (
    <Modal
      open={open}
      title={t('cal.import')}
      okText={t('cal.import')}
      cancelText={t('common.cancel')}
      onOk={() => submit()}
      okButtonProps={{ loading: run.isPending }}
      onCancel={onClose}
      destroyOnHidden
      width={680}
    >
      <p className="muted">{t('cal.importHelp')}</p>
      {run.isError && (
        <Alert
          type="error"
          showIcon
          title={problems.length > 0 ? t('cal.problems') : run.error.message}
          description={
            problems.length > 0 ? (
              <ul className="cal-problems" data-testid="import-problems">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {missing && (
        <Alert type="warning" showIcon title={t('cal.contentRequired')} style={{ marginBottom: 12 }} />
      )}
      <Tabs
        items={[
          {
            key: 'paste',
            label: t('cal.paste'),
            children: (
              <Input.TextArea
                aria-label={t('cal.pasteLabel')}
                value={fileName ? '' : content}
                onChange={(e) => setText(e.target.value)}
                autoSize={{ minRows: 8, maxRows: 16 }}
                className="cal-paste"
                placeholder={
                  '{ "year": 2027, "holidays": [{ "name": "元旦", "dates": ["2027-01-01"] }], "makeupWorkdays": [] }'
                }
              />
            ),
          },
          {
            key: 'upload',
            label: t('cal.upload'),
            children: (
              <Upload.Dragger
                accept=".json,.ics,application/json,text/calendar"
                maxCount={1}
                showUploadList={false}
                beforeUpload={(file) => {
                  if (file.size > MAX_BYTES) {
                    message.error(t('cal.uploadHint'));
                    return Upload.LIST_IGNORE;
                  }
                  void file.text().then((text) => setText(text, file.name));
                  return false;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p>{fileName ? t('cal.fileLoaded', { name: fileName }) : t('cal.uploadHint')}</p>
              </Upload.Dragger>
            ),
          },
        ]}
      />
      <div className="cal-import-options">
        <span>
          {t('cal.format')}：
          <Radio.Group
            value={format}
            onChange={(e) => setFormat(e.target.value)}
            options={[
              { value: 'json', label: 'JSON' },
              { value: 'ics', label: 'iCalendar (.ics)' },
            ]}
          />
        </span>
        <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)}>
          {t('cal.replace')}
        </Checkbox>
        <div className="muted cal-help">{t('cal.replaceHelp')}</div>
      </div>
    </Modal>
  );
}
