import { AppError } from '../../../platform/http/app-error.ts';
import type { ListPosition } from '../petitions.repository.ts';

// The opaque cursor of the case list's keyset paging: the sort it belongs to, the sort key and
// the id of the last row of the page, as base64url JSON. Clients pass it back unchanged in `after`.

type Sort = 'receivedOn' | 'nextDue';

/** The cursor after a row of a list in the given sort. */
export function encodeCursor(sort: Sort, key: string, id: string): string {
  return Buffer.from(JSON.stringify({ s: sort, k: key, i: id })).toString('base64url');
}

/** The position a cursor names; 400 `validation_failed` when it is damaged or from the other sort. */
export function decodeCursor(cursor: string, sort: Sort): ListPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const c = parsed as { s?: unknown; k?: unknown; i?: unknown } | undefined;
  if (!c || typeof c.k !== 'string' || typeof c.i !== 'string' || (c.s !== 'receivedOn' && c.s !== 'nextDue'))
    throw new AppError('validation_failed', '翻页位置（after）无效，请从第一页重新加载列表。', {
      field: 'after',
    });
  if (c.s !== sort)
    throw new AppError('validation_failed', '翻页位置（after）属于另一种排序，请从第一页重新加载列表。', {
      field: 'after',
    });
  return { key: c.k, id: c.i };
}
