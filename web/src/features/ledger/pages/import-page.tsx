import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Grid, Space, Switch, Table, Tag, Tooltip, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header.tsx';
import { ApiError } from '../../../lib/http.ts';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { type ImportStep, importLedger, type LedgerImportReport, TEMPLATE_URL } from '../ledger.api.ts';
import { useLedgerText } from '../ledger.i18n.ts';
import '../ledger.css';

type ReportRow = LedgerImportReport['rows'][number];

/** The report inside a refused `mode=all` (422 import_invalid), if the error carries one. */
function reportOf(error: unknown): LedgerImportReport | undefined {
  if (!(error instanceof ApiError) || error.code !== 'import_invalid') return undefined;
  return (error.details as { report?: LedgerImportReport } | undefined)?.report;
}

/** 导入历史台账: upload → row-by-row check (nothing written) → 全部导入 / 仅导入有效行 → what was imported. */
export function LedgerImportPage() {
  const lt = useLedgerText();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const queryClient = useQueryClient();
  const [key, renewKey] = useIdempotencyKey();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<LedgerImportReport | null>(null);
  const [busy, setBusy] = useState<ImportStep | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);

  const run = async (chosen: File, step: ImportStep) => {
    setBusy(step);
    setProblem(null);
    try {
      const r = await importLedger(chosen, step, key);
      setReport(r);
      if (!r.dryRun) {
        renewKey();
        void queryClient.invalidateQueries({ queryKey: ['petitions'] });
      }
    } catch (e) {
      const refused = reportOf(e);
      if (refused) setReport(refused);
      setProblem(e instanceof ApiError ? e.message : lt('import.notXlsx'));
      if (step === 'check') setReport(null);
    } finally {
      setBusy(null);
    }
  };

  const choose = (chosen: File) => {
    if (!/\.xlsx$/i.test(chosen.name)) {
      setProblem(lt('import.notXlsx'));
      return false;
    }
    setFile(chosen);
    setReport(null);
    setOnlyProblems(false);
    void run(chosen, 'check');
    return false;
  };

  const confirmValid = () => {
    if (!file || !report) return;
    modal.confirm({
      title: lt('import.importValid'),
      content: lt('import.confirmValid', { valid: report.valid, invalid: report.invalid }),
      okText: lt('import.confirmOk'),
      cancelText: lt('import.cancel'),
      onOk: () => run(file, 'valid_only'),
    });
  };

  const result = (r: ReportRow) =>
    r.ok ? (
      <Tag color="green">{lt('import.ok')}</Tag>
    ) : (
      <ul className="ledger-errors">
        {r.errors.map((e) => (
          <li key={`${e.column}:${e.message}`}>
            <span className="ledger-error-column">{e.column}</span>
            {e.message}
          </li>
        ))}
      </ul>
    );
  const rowColumn = { title: lt('import.col.row'), dataIndex: 'row', key: 'row', width: phone ? 52 : 72 };
  // At phone width the title and the check share one column, so no problem is scrolled out of sight.
  const columns: ColumnsType<ReportRow> = phone
    ? [
        rowColumn,
        {
          title: `${lt('import.col.title')} / ${lt('import.col.result')}`,
          key: 'result',
          render: (_v, r) => (
            <>
              <div className="ledger-row-title">{r.title}</div>
              {result(r)}
            </>
          ),
        },
      ]
    : [
        rowColumn,
        { title: lt('import.col.title'), dataIndex: 'title', key: 'title', width: 220, ellipsis: true },
        { title: lt('import.col.result'), key: 'result', render: (_v, r) => result(r) },
      ];

  const done = report && !report.dryRun;
  const rows = (report?.rows ?? []).filter((r) => !onlyProblems || !r.ok);

  return (
    <div>
      <PageHeader
        title={lt('import.title')}
        subtitle={lt('import.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={TEMPLATE_URL} download>
            {lt('import.template')}
          </Button>
        }
      />
      <Card>
        {!done && (
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            beforeUpload={choose}
            disabled={busy !== null}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{file ? lt('import.file', { name: file.name }) : lt('import.drop')}</p>
            <p className="muted">{lt('import.dropHint')}</p>
          </Upload.Dragger>
        )}
        {busy === 'check' && (
          <Alert className="ledger-imported" type="info" showIcon message={lt('import.checking')} />
        )}
        {problem && (
          <Alert className="ledger-imported" type="error" showIcon message={problem} role="alert" />
        )}
        {done && (
          <Alert
            type="success"
            showIcon
            role="status"
            message={
              lt('import.done', { n: report.imported.length }) +
              (report.invalid > 0 ? lt('import.doneRejected', { n: report.invalid }) : '')
            }
            description={
              <div className="ledger-imported">
                <div>{lt('import.imported')}：</div>
                <Space wrap size={[12, 4]}>
                  {report.imported.map((i) => (
                    <Link key={i.id} to={`/petitions/${i.id}`} className="pet-number">
                      {i.number}
                    </Link>
                  ))}
                </Space>
              </div>
            }
          />
        )}
        {report && (
          <>
            <div className="ledger-summary">
              <strong data-testid="ledger-summary">
                {lt('import.summary', { total: report.total, valid: report.valid, invalid: report.invalid })}
              </strong>
              {report.invalid > 0 && (
                <span>
                  <Switch
                    size="small"
                    id="ledger-only-problems"
                    checked={onlyProblems}
                    onChange={setOnlyProblems}
                  />{' '}
                  <label htmlFor="ledger-only-problems">{lt('import.onlyProblems')}</label>
                </span>
              )}
            </div>
            {!done && report.dryRun && (
              <Alert
                type={report.invalid ? 'warning' : 'success'}
                showIcon
                message={
                  report.invalid
                    ? lt('import.someInvalid', { invalid: report.invalid, valid: report.valid })
                    : lt('import.allValid')
                }
              />
            )}
            <Table<ReportRow>
              className="ledger-imported"
              rowKey="row"
              size="small"
              columns={columns}
              dataSource={rows}
              rowClassName={(r) => (r.ok ? '' : 'ledger-row-bad')}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={phone ? undefined : { x: 560 }}
            />
            <div className="ledger-actions">
              {!done && (
                <>
                  <Tooltip title={report.invalid ? lt('import.importAllTip') : undefined}>
                    <Button
                      type="primary"
                      disabled={report.invalid > 0 || report.valid === 0 || busy !== null}
                      loading={busy === 'all'}
                      onClick={() => file && run(file, 'all')}
                    >
                      {lt('import.importAll')}
                    </Button>
                  </Tooltip>
                  <Button
                    disabled={report.valid === 0 || report.invalid === 0 || busy !== null}
                    loading={busy === 'valid_only'}
                    onClick={confirmValid}
                  >
                    {lt('import.importValid')}
                  </Button>
                </>
              )}
              <Button
                onClick={() => {
                  setFile(null);
                  setReport(null);
                  setProblem(null);
                }}
              >
                {lt('import.another')}
              </Button>
              <Button type="link" onClick={() => navigate('/petitions')}>
                {lt('import.backToList')}
              </Button>
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
