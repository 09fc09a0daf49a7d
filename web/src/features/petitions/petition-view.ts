import type {
  DeadlineView,
  PetitionAbilities,
  PetitionActionInput,
  PetitionStatus,
} from './petitions.api.ts';

// Pure helpers of the petitions pages: deadline colours, status colours, today in China, the
// form field a server error names, and which action buttons the server's abilities allow.

/** Today's date in China (the legal calendar's day), as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type Tone = 'overdue' | 'soon' | 'met' | 'open' | 'closed';

/**
 * The colour of a deadline: red when past its last day unmet, orange when an open duty deadline
 * falls within 3 days, green when met, grey for a party's window that closed unused.
 */
export function deadlineTone(d: Pick<DeadlineView, 'due' | 'status' | 'duty'>, today: string): Tone {
  if (d.status === 'met') return 'met';
  if (d.status === 'overdue') return d.duty ? 'overdue' : 'closed';
  const left = daysBetween(today, d.due);
  if (left < 0) return d.duty ? 'overdue' : 'closed';
  return left <= 3 ? 'soon' : 'open';
}

/** The worklist's colour of a case's next deadline, from the server's flags. */
export function listTone(item: { overdue: boolean; dueSoon: boolean }): Tone {
  if (item.overdue) return 'overdue';
  return item.dueSoon ? 'soon' : 'open';
}

/** antd colour names of the tones. */
export const TONE_COLOR: Record<Tone, string> = {
  overdue: 'red',
  soon: 'orange',
  met: 'green',
  open: 'default',
  closed: 'default',
};

/** Tag colours of the statuses: new work blue, in hand gold, answered green, higher levels purple, ended grey. */
export function statusColor(status: PetitionStatus): string {
  switch (status) {
    case 'registered':
    case 'transferred':
      return 'blue';
    case 'objected':
      return 'volcano';
    case 'linked':
    case 'merged':
      return 'cyan';
    case 'accepted':
    case 'assigned':
    case 'in_progress':
    case 'extended':
      return 'gold';
    case 'answered':
    case 'closed':
      return 'green';
    case 'review_requested':
    case 'reviewed':
    case 'rereview_requested':
    case 'rereviewed':
      return 'purple';
    default:
      return 'default';
  }
}

/**
 * The form path a server error names: `body.petitioners.0.name` or `petitioners.0.name` →
 * ['petitioners', 0, 'name']; undefined when the error names no field.
 */
export function formPathOf(field: string | undefined): (string | number)[] | undefined {
  if (!field) return undefined;
  const parts = field.split('.').filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  if (parts.length === 0) return undefined;
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The field errors of an API error's details: `{ field }` and/or `{ issues: [{ field, message }] }`. */
export function fieldErrorsOf(
  details: unknown,
  message: string,
): { name: (string | number)[]; errors: string[] }[] {
  const out = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const add = (field: unknown, msg: unknown) => {
    const name = typeof field === 'string' ? formPathOf(field) : undefined;
    if (!name) return;
    const key = name.join('.');
    if (!out.has(key)) out.set(key, { name, errors: [typeof msg === 'string' && msg ? msg : message] });
  };
  if (details && typeof details === 'object') {
    const d = details as { field?: unknown; issues?: unknown };
    if (Array.isArray(d.issues)) {
      for (const i of d.issues) add((i as { field?: unknown })?.field, (i as { message?: unknown })?.message);
    }
    if (out.size === 0) add(d.field, message);
  }
  return [...out.values()];
}

export type ActionName = PetitionActionInput['action'];

/** The action buttons in the order a case goes, each with the ability that allows it. */
export const ACTION_BUTTONS: readonly { action: ActionName; ability: keyof PetitionAbilities }[] = [
  { action: 'accept', ability: 'accept' },
  { action: 'assign', ability: 'assign' },
  { action: 'start', ability: 'start' },
  { action: 'answer', ability: 'answer' },
  { action: 'extend', ability: 'extend' },
  { action: 'close', ability: 'close' },
  { action: 'review', ability: 'review' },
  { action: 'rereview', ability: 'rereview' },
  { action: 'request_review', ability: 'requestReview' },
  { action: 'request_rereview', ability: 'requestRereview' },
  { action: 'finalize', ability: 'finalize' },
  { action: 'link', ability: 'link' },
  { action: 'merge', ability: 'merge' },
  { action: 'transfer', ability: 'transfer' },
  { action: 'redirect', ability: 'redirect' },
  { action: 'object', ability: 'object' },
  { action: 'decide_objection', ability: 'decideObjection' },
  { action: 'reject', ability: 'reject' },
];

/** The actions the server allows this user now, never re-derived from the status. */
export function allowedActions(abilities: PetitionAbilities): ActionName[] {
  return ACTION_BUTTONS.filter((b) => abilities[b.ability]).map((b) => b.action);
}
