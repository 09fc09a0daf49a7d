import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.ts';

describe('error codes', () => {
  it.each(Object.entries(ERROR_CODES))(
    '%s has an HTTP status, a documented cause and a Chinese message',
    (code, def) => {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(def.status).toBeGreaterThanOrEqual(400);
      expect(def.status).toBeLessThan(600);
      expect(def.when.length).toBeGreaterThan(10);
      expect(def.message).toMatch(/[\u4e00-\u9fff]/);
    },
  );
});
