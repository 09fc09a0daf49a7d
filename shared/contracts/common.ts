import { z } from 'zod';

/** A record id in a path. */
export const IdParams = z.object({ id: z.string().min(1).max(100) });

/** `?page=1&pageSize=20` (max 200), as every list of the contract takes. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** The error body of every 4xx/5xx answer. */
export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** A `YYYY-MM-DD` calendar date that exists. */
export const DateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期不存在');
