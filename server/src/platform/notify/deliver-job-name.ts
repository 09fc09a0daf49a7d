/** The name of the job that delivers one outbox row (kept apart so the outbox and the job share it without a cycle). */
export const DELIVER_JOB = 'notify.deliver';
