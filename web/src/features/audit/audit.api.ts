import type {
  AuditEntry,
  AuditListQuery,
  AuditListResponse,
  AuditVerifyResponse,
} from '../../../../shared/contracts/audit.ts';
import { http } from '../../lib/http.ts';

export type { AuditEntry, AuditListQuery };

export const auditApi = {
  list: (q: AuditListQuery) => http.get<AuditListResponse>('/api/v1/audit', { ...q }),
  verify: () => http.get<AuditVerifyResponse>('/api/v1/audit/verify'),
};
