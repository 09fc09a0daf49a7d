import { Spin } from 'antd';
import { BrandMark } from './brand.tsx';

/** Shown while the session loads: the mark and a spinner, nothing that jumps around. */
export function FullPageSpin({ tip }: { tip?: string }) {
  return (
    <div className="full-page-spin">
      <BrandMark size={40} />
      <Spin />
      {tip && <span className="muted">{tip}</span>}
    </div>
  );
}
