import type { FormRule } from 'antd';
import type { ZodType } from 'zod';

/** An antd form rule that validates a field with a zod schema from shared/contracts. */
export function zodRule(schema: ZodType): FormRule {
  return {
    validator: async (_rule, value) => {
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
    },
  };
}
