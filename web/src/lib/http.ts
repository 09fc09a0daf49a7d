/** An error answer of the API (`{ error: { code, message, details } }`) or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type AuthStep = 'unauthenticated' | 'second_factor_required';
type AuthHandler = (step: AuthStep, details: unknown) => void;
type ErrorNotifier = (error: ApiError) => void;

let authHandler: AuthHandler = () => {};
let errorNotifier: ErrorNotifier = () => {};

/** Registers what happens when the server says the session is gone or owes its second factor. */
export function onAuthRequired(handler: AuthHandler): void {
  authHandler = handler;
}

/** Registers how an error message is shown to the user (antd message inside <App>). */
export function onErrorMessage(notifier: ErrorNotifier): void {
  errorNotifier = notifier;
}

/** Shows an API error's Chinese message unless it only means "log in again". */
export function showApiError(error: unknown): void {
  const e =
    error instanceof ApiError ? error : new ApiError(0, 'client_error', '操作失败，请刷新页面后重试。');
  if (e.code === 'unauthenticated' || e.code === 'second_factor_required') return;
  errorNotifier(e);
}

type Query = Record<string, string | number | boolean | undefined | null>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  idempotencyKey?: string;
  /** Do not navigate away on 401 (the login and second-factor forms handle it themselves). */
  noAuthRedirect?: boolean;
}

function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

async function request<T>(method: string, url: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(withQuery(url, opts.query), {
      method,
      credentials: 'same-origin',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络连接后重试。');
  }
  const text = res.status === 204 ? '' : await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    const code = err?.code ?? (res.status >= 500 ? 'internal_error' : 'http_error');
    const message = err?.message ?? `请求失败（HTTP ${res.status}），请稍后重试。`;
    const error = new ApiError(res.status, code, message, err?.details);
    if (
      res.status === 401 &&
      !opts.noAuthRedirect &&
      (code === 'unauthenticated' || code === 'second_factor_required')
    ) {
      authHandler(code, err?.details);
    }
    throw error;
  }
  return data as T;
}

/**
 * A fresh idempotency key; a form keeps one per submission so a double click creates once.
 * randomUUID exists only in secure contexts, and offices often serve the app over plain HTTP on
 * the intranet, so fall back to getRandomValues there.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** JSON over fetch with the session cookie; every failure becomes an ApiError. */
export const http = {
  get: <T>(url: string, query?: Query) => request<T>('GET', url, { query }),
  /** A POST that performs an action (login, reset, verify); not a create. */
  post: <T>(url: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', url, { ...opts, body: body ?? {} }),
  /** A POST that creates a record; always carries an Idempotency-Key. */
  create: <T>(url: string, body: unknown, idempotencyKey: string = newIdempotencyKey()) =>
    request<T>('POST', url, { body, idempotencyKey }),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, { body }),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, { body }),
  delete: <T>(url: string) => request<T>('DELETE', url),
};
