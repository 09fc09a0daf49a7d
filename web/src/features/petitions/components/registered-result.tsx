import {
  CheckCircleFilled,
  CopyOutlined,
  FileSearchOutlined,
  PlusOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { type Registered, receiptUrl } from '../petitions.api.ts';
import { DeadlineList } from './deadline-list.tsx';

/**
 * What the clerk needs right after registering: the number, the query code to hand over (large),
 * the deadlines with their rules, possible duplicates, the receipt, and "register another".
 */
export function RegisteredResult({ result, onNext }: { result: Registered; onNext: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const nextButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    nextButton.current?.focus();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(result.queryCode);
      message.success(t('pet.case.copied'));
    } catch {
      // Clipboard needs a secure context; the code stays visible to read out.
    }
  };

  return (
    <Card className="pet-result" data-testid="registered">
      <div className="pet-result-head">
        <CheckCircleFilled className="pet-result-icon" />
        <div>
          <h2>{t('pet.reg.done')}</h2>
          <div className="pet-result-number" data-testid="registered-number">
            {t('pet.reg.doneNumber', { number: result.number })}
          </div>
        </div>
      </div>
      <div className="pet-query-code-box">
        <div className="pet-query-code-label">{t('pet.queryCode')}</div>
        <div className="pet-query-code-row">
          <span className="pet-query-code" data-testid="query-code">
            {result.queryCode}
          </span>
          <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()}>
            {t('common.copy')}
          </Button>
        </div>
        <div className="muted pet-help">{t('pet.reg.queryCodeHelp')}</div>
      </div>
      <h3 className="pet-result-section">{t('pet.reg.deadlines')}</h3>
      <DeadlineList deadlines={result.deadlines} />
      {result.duplicateCandidates.length > 0 && (
        <>
          <h3 className="pet-result-section">{t('pet.reg.candidates')}</h3>
          <p className="muted pet-help">{t('pet.reg.candidatesHelp')}</p>
          <List
            size="small"
            bordered
            dataSource={result.duplicateCandidates}
            renderItem={(c) => (
              <List.Item>
                <Space wrap>
                  <Typography.Link onClick={() => navigate(`/petitions/${c.id}`)}>{c.number}</Typography.Link>
                  <Tag>{c.reason}</Tag>
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
      <div className="pet-result-actions">
        <Button
          icon={<PrinterOutlined />}
          href={receiptUrl(result.id)}
          target="_blank"
          rel="noopener"
          data-testid="print-receipt"
        >
          {t('pet.reg.printReceipt')}
        </Button>
        <Button icon={<FileSearchOutlined />} onClick={() => navigate(`/petitions/${result.id}`)}>
          {t('pet.reg.open')}
        </Button>
        <Button ref={nextButton} type="primary" icon={<PlusOutlined />} onClick={onNext}>
          {t('pet.reg.next')}
        </Button>
      </div>
    </Card>
  );
}
