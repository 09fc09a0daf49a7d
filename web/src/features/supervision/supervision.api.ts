import type { z } from 'zod';
import type {
  NoticeDetail,
  NoticeListResponse,
  NoticeSummary,
  SettingsResponse,
} from '../../../../shared/contracts/supervision.ts';
import { http } from '../../lib/http.ts';

export type Notice = z.infer<typeof NoticeSummary>;
export type NoticeFull = z.infer<typeof NoticeDetail>;
export type Settings = z.infer<typeof SettingsResponse>;

const seg = encodeURIComponent;

export const supervisionKeys = {
  all: ['supervision'] as const,
  list: (q: object) => ['supervision', 'list', q] as const,
  one: (id: string) => ['supervision', 'one', id] as const,
  settings: (unitId: string) => ['supervision', 'settings', unitId] as const,
};

export const supervisionApi = {
  list: (q: { status?: string; mine?: boolean; page?: number; pageSize?: number }) =>
    http.get<z.infer<typeof NoticeListResponse>>('/api/v1/supervision/notices', {
      status: q.status,
      mine: q.mine ? '1' : undefined,
      page: q.page,
      pageSize: q.pageSize,
    }),
  get: (id: string) => http.get<NoticeFull>(`/api/v1/supervision/notices/${seg(id)}`),
  reply: (id: string, text: string) =>
    http.post<NoticeFull>(`/api/v1/supervision/notices/${seg(id)}/reply`, { text }),
  close: (id: string, note?: string) =>
    http.post<NoticeFull>(`/api/v1/supervision/notices/${seg(id)}/close`, note ? { note } : {}),
  settings: (unitId: string) => http.get<Settings>('/api/v1/supervision/settings', { unitId }),
  saveSettings: (body: { unitId: string; remindDays: number; replyWorkingDays: number }) =>
    http.put<Settings>('/api/v1/supervision/settings', body),
};
