import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { rememberSecondFactorStep } from '../features/auth/auth.api.ts';
import { onAuthRequired } from '../lib/http.ts';
import './global.css';
import { Providers } from './providers.tsx';
import { queryClient } from './query-client.ts';
import { router } from './router.tsx';

onAuthRequired((step, details) => {
  const here = router.state.location;
  if (step === 'second_factor_required') {
    const owed = (details as { step?: string } | undefined)?.step;
    if (owed === 'enroll' || owed === 'verify') rememberSecondFactorStep(owed);
    if (here.pathname !== '/login/second-factor') void router.navigate('/login/second-factor');
    return;
  }
  queryClient.removeQueries();
  if (here.pathname === '/login') return;
  const back = here.pathname.startsWith('/login') ? '' : `${here.pathname}${here.search}`;
  void router.navigate(back && back !== '/' ? `/login?next=${encodeURIComponent(back)}` : '/login', {
    replace: true,
  });
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
