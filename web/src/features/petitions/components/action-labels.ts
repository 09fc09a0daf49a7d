import { type MessageKey, useI18n } from '../../../i18n/i18n.tsx';
import type { ActionName } from '../petition-view.ts';

/** The button label of each lifecycle action. */
export const ACTION_LABEL_KEYS: Record<ActionName, MessageKey> = {
  accept: 'pet.action.accept',
  redirect: 'pet.action.redirect',
  transfer: 'pet.action.transfer',
  object: 'pet.action.object',
  decide_objection: 'pet.action.decideObjection',
  reject: 'pet.action.reject',
  assign: 'pet.action.assign',
  start: 'pet.action.start',
  extend: 'pet.action.extend',
  answer: 'pet.action.answer',
  close: 'pet.action.close',
  request_review: 'pet.action.requestReview',
  review: 'pet.action.review',
  request_rereview: 'pet.action.requestRereview',
  rereview: 'pet.action.rereview',
  finalize: 'pet.action.finalize',
  link: 'pet.action.link',
  merge: 'pet.action.merge',
};

/** The translated label of an action. */
export function useActionLabel(): (action: ActionName) => string {
  const { t } = useI18n();
  return (action) => t(ACTION_LABEL_KEYS[action]);
}
