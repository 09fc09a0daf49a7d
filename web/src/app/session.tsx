import { createContext, useContext } from 'react';
import type { Me } from '../features/auth/auth.api.ts';

export type Session = Me;

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user inside the app layout (the session gate has loaded it). */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the session gate');
  return s;
}
