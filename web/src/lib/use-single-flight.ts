import { useCallback, useRef } from 'react';

/**
 * Runs an async submit at most once at a time: the second click of a double click arrives before
 * React re-renders the button as loading, so a ref (not state) must turn it away.
 */
export function useSingleFlight<A extends unknown[]>(
  run: (...args: A) => Promise<unknown>,
): (...args: A) => void {
  const busy = useRef(false);
  return useCallback(
    (...args: A) => {
      if (busy.current) return;
      busy.current = true;
      run(...args)
        .catch(() => undefined)
        .finally(() => {
          busy.current = false;
        });
    },
    [run],
  );
}
