import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, showApiError } from '../lib/http.ts';

function retry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

/**
 * One client for the app: errors are shown once here (their Chinese message), unless a query or
 * mutation sets meta.silent because its form shows the error in place.
 */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (!query.meta?.silent) showApiError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      if (!mutation.meta?.silent) showApiError(error);
    },
  }),
  defaultOptions: {
    queries: { retry, refetchOnWindowFocus: false, staleTime: 15_000 },
    mutations: { retry: false },
  },
});
