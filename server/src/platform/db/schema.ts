import type { Kysely, Transaction } from 'kysely';

// Row types of the database. Timestamps are ISO-8601 UTC strings; booleans are 0/1 integers
// (one portable representation for SQLite and PostgreSQL, see ADR 0001).

export interface UnitsTable {
  id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  path: string;
  depth: number;
  accepts_online: number;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  name: string;
  unit_id: string;
  password_hash: string;
  password_changed_at: string;
  must_change_password: number;
  disabled: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  created_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface PasswordHistoryTable {
  id: string;
  user_id: string;
  password_hash: string;
  created_at: string;
}

export interface LoginAttemptsTable {
  id: string;
  username: string;
  at: string;
  success: number;
  ip: string | null;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  second_factor: string;
  ip: string | null;
  user_agent: string | null;
  ended_at: string | null;
}

export interface LeadershipGroupsTable {
  id: string;
  unit_id: string;
  title: string;
  campaign: string | null;
  created_at: string;
}

export interface LeadershipGroupMembersTable {
  group_id: string;
  user_id: string;
  position: string;
}

export interface WorkGroupsTable {
  id: string;
  group_id: string;
  name: string;
  duties: string;
  sort_order: number;
}

export interface WorkGroupMembersTable {
  work_group_id: string;
  user_id: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  unit_id: string | null;
  before_json: string | null;
  after_json: string | null;
  alg: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  status: string;
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  method: string;
  path: string;
  status: number;
  body: string;
  created_at: string;
}

export interface Database {
  units: UnitsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  password_history: PasswordHistoryTable;
  login_attempts: LoginAttemptsTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  leadership_groups: LeadershipGroupsTable;
  leadership_group_members: LeadershipGroupMembersTable;
  work_groups: WorkGroupsTable;
  work_group_members: WorkGroupMembersTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  idempotency_keys: IdempotencyKeysTable;
}

/** The database handle or an open transaction: repositories accept either. */
export type Db = Kysely<Database> | Transaction<Database>;
