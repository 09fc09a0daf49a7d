import { z } from 'zod';

// Wire shapes of saved filters (筛选方案): a user's named case-list filters, kept on the server so
// they follow the user from desk to phone. A filter is the list's query parameters
// (GET /api/v1/petitions), without page, pageSize, after and count.

/** Query parameters a saved filter may hold; anything else is refused (400). */
export const SAVED_FILTER_KEYS = [
  'q',
  'status',
  'unitId',
  'classification',
  'mine',
  'overdue',
  'open',
  'dueSoon',
  'unassigned',
  'sort',
] as const;

export const SavedFilterQuery = z.record(z.string(), z.string().max(200, '筛选条件的值最多200个字'));

export const CreateSavedFilterBody = z.object({
  name: z.string({ error: '请填写筛选名称' }).trim().min(1, '请填写筛选名称').max(20, '筛选名称最多20个字'),
  /** e.g. { "status": "assigned", "mine": "true", "sort": "nextDue" } */
  query: SavedFilterQuery,
});
export type CreateSavedFilterInput = z.infer<typeof CreateSavedFilterBody>;

export const SavedFilterResponse = z.object({
  id: z.string(),
  name: z.string(),
  query: z.record(z.string(), z.string()),
  createdAt: z.string(),
  abilities: z.object({ delete: z.boolean() }),
});
export type SavedFilter = z.infer<typeof SavedFilterResponse>;

export const SavedFilterListResponse = z.object({
  items: z.array(SavedFilterResponse),
  total: z.number().int(),
});

export const SavedFilterIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确'),
});
