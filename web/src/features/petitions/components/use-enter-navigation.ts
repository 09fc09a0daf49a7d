import { type KeyboardEvent, useCallback } from 'react';

// Keyboard-first data entry for clerks who register letters all day: Enter moves to the next
// field (as on the paper form), Ctrl+Enter (⌘+Enter) submits from anywhere, and a text area keeps
// Enter for new lines.

const FIELD_SELECTOR = [
  'input:not([type=hidden]):not([type=file]):not([disabled]):not([readonly])',
  'input.ant-select-selection-search-input',
  'textarea:not([disabled])',
  '[role=combobox]:not([aria-disabled=true])',
].join(',');

function visible(el: HTMLElement): boolean {
  return el.offsetParent !== null || el.getClientRects().length > 0;
}

/** The focusable fields of a form in document order; one entry per radio group. */
function fields(root: HTMLElement): HTMLElement[] {
  const seen = new Set<HTMLElement>();
  const radioGroups = new Set<string>();
  const out: HTMLElement[] = [];
  for (const el of root.querySelectorAll<HTMLElement>(FIELD_SELECTOR)) {
    if (seen.has(el) || !visible(el) || el.closest('[data-enter-skip]')) continue;
    seen.add(el);
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      const group = el.name || el.closest('[role=radiogroup]')?.id || '';
      if (radioGroups.has(group)) continue;
      radioGroups.add(group);
      const checked = el.name
        ? root.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`)
        : null;
      out.push(checked ?? el);
      continue;
    }
    out.push(el);
  }
  return out;
}

/** Moves the focus from `from` to the next field of the form (or the submit button after the last). */
function focusNext(root: HTMLElement, from: HTMLElement): void {
  const list = fields(root);
  let index = list.indexOf(from);
  if (index < 0) index = list.findIndex((el) => el.contains(from) || from.contains(el));
  if (index < 0) {
    // A field not in the list (e.g. a radio of a group): the first field after it in the document.
    index = list.findIndex((el) => from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) - 1;
  }
  const next = list[index + 1];
  if (next) {
    next.focus();
    if (next instanceof HTMLInputElement && next.type === 'text') next.select();
  } else root.querySelector<HTMLElement>('[data-enter-submit]')?.focus();
}

/**
 * onKeyDownCapture for the element around a form: Enter → next field, Ctrl/⌘+Enter → submit().
 * An open drop-down (select, tree select, date picker) first takes the Enter to pick its
 * option, then the focus moves on.
 */
export function useEnterNavigation(submit: () => void) {
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.altKey || e.shiftKey) return;
      const target = e.target as HTMLElement;
      const root = e.currentTarget;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        e.stopPropagation();
        submit();
        return;
      }
      if (target instanceof HTMLTextAreaElement || target instanceof HTMLButtonElement) return;
      if (target.closest('.ant-select, .ant-picker')) {
        const expanded =
          target.getAttribute('aria-expanded') === 'true' || target.closest('.ant-picker-focused');
        if (expanded) {
          // Let the drop-down pick the option first, then move on.
          setTimeout(() => focusNext(root, target), 0);
          return;
        }
      }
      e.preventDefault();
      e.stopPropagation();
      focusNext(root, target);
    },
    [submit],
  );
}
