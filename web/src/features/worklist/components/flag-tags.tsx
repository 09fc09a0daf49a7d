import { Tag } from 'antd';
import { useWorklistText } from '../worklist.i18n.ts';

/** The list flags that the menu counters set (no control of their own on the filter bar). */
export const WORKLIST_FLAGS = ['mine', 'open', 'dueSoon', 'unassigned'] as const;
export type WorklistFlag = (typeof WORKLIST_FLAGS)[number];

/** The worklist flags present in the list's address parameters. */
export function flagsFromParams(p: URLSearchParams): Partial<Record<WorklistFlag, true>> {
  const out: Partial<Record<WorklistFlag, true>> = {};
  for (const f of WORKLIST_FLAGS) if (p.get(f) === 'true') out[f] = true;
  return out;
}

const LABEL = {
  mine: 'flags.mine',
  open: 'flags.open',
  dueSoon: 'counters.dueSoon',
  unassigned: 'counters.unassigned',
} as const;

/** A closable tag per active flag (我的、未办结、即将到期、待交办), so a list opened from a badge says what it shows. */
export function FlagTags({
  query,
  onClear,
}: {
  query: Partial<Record<WorklistFlag, boolean | undefined>>;
  onClear: (flag: WorklistFlag) => void;
}) {
  const text = useWorklistText();
  const active = WORKLIST_FLAGS.filter((f) => query[f]);
  if (active.length === 0) return null;
  return (
    <span className="wl-flags">
      {active.map((f) => (
        <Tag
          key={f}
          color="processing"
          closable
          onClose={(e) => {
            e.preventDefault();
            onClear(f);
          }}
        >
          {text(LABEL[f])}
        </Tag>
      ))}
    </span>
  );
}
