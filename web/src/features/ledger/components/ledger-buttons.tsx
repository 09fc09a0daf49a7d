import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useNavigate } from 'react-router';
import { exportUrl, type LedgerFilters } from '../ledger.api.ts';
import { useLedgerText } from '../ledger.i18n.ts';

/** 导出台账 (a download of the worklist's current filters) and, for those who register, 导入台账. */
export function LedgerButtons({ filters, canImport }: { filters: LedgerFilters; canImport: boolean }) {
  const lt = useLedgerText();
  const navigate = useNavigate();
  return (
    <>
      <Tooltip title={lt('export.hint')}>
        <Button icon={<DownloadOutlined />} href={exportUrl(filters)} download data-testid="ledger-export">
          {lt('export.button')}
        </Button>
      </Tooltip>
      {canImport && (
        <Button icon={<UploadOutlined />} onClick={() => navigate('/petitions/import')}>
          {lt('import.button')}
        </Button>
      )}
    </>
  );
}
