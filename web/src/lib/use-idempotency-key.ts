import { useCallback, useState } from 'react';
import { newIdempotencyKey } from './http.ts';

/**
 * One Idempotency-Key per form submission: repeated clicks or a retry after a lost answer reuse
 * it, so the server creates the record once; renew() after success for the next record.
 */
export function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(newIdempotencyKey);
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  return [key, renew];
}
