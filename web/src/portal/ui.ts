import { h } from './dom.ts';

// Building blocks shared by the portal's pages: page headings, labelled fields with their error
// line, and notices.

/** The page's heading: focusable so the router can move the focus (and screen readers) to it. */
export function pageTitle(text: string): HTMLHeadingElement {
  return h('h1', { tabindex: -1, class: 'page-title' }, text);
}

/** A notice box; `alert` ones are announced at once by screen readers. */
export function notice(
  kind: 'info' | 'error' | 'success' | 'warn',
  ...body: (Node | string)[]
): HTMLDivElement {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...body);
}

/** A labelled form field with hint and error lines; `setError` shows or clears the message next to it. */
export function field(options: {
  id: string;
  label: string;
  control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  hint?: string | Node;
  optional?: boolean;
  extra?: Node;
}) {
  const { id, control } = options;
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hint = options.hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, options.hint) : null;
  control.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', `${id}-error`].join(' ').trim());
  const wrap = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      options.label,
      options.optional ? h('span', { class: 'optional' }, '（选填）') : null,
    ),
    hint,
    control,
    options.extra ?? null,
    error,
  );
  return {
    wrap,
    control,
    setError(message: string | null) {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
    },
  };
}
export type Field = ReturnType<typeof field>;

/** Sets a button busy (disabled, with a waiting label) or back to its label. */
export function busy(button: HTMLButtonElement, on: boolean, label: string, waiting: string): void {
  button.disabled = on;
  button.textContent = on ? waiting : label;
  if (on) button.setAttribute('aria-busy', 'true');
  else button.removeAttribute('aria-busy');
}
