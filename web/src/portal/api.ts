// The portal's calls to the public API: JSON in and out, errors as the server's Chinese message.

/** The outcome of one call: the body on success, otherwise the error code, message and details. */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | {
      ok: false;
      status: number;
      code: string;
      message: string;
      details?: unknown;
      retryAfterSeconds?: number;
    };

const OFFLINE = '网络连接失败，请检查手机网络后重试。您填写的内容仍保留在页面上。';

/** A random key for Idempotency-Key (also where crypto.randomUUID is missing, e.g. plain http). */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Calls the API; network failures and non-JSON answers become a readable error, never an exception. */
export async function call<T>(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, code: 'offline', message: OFFLINE };
  }
  return answer<T>(res);
}

/** The outcome of a response: its JSON body, or the server's error (code, Chinese message, Retry-After). */
async function answer<T>(res: Response): Promise<ApiResult<T>> {
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const error = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const retry = Number(res.headers.get('retry-after'));
  return {
    ok: false,
    status: res.status,
    code: error?.code ?? 'http_error',
    message: error?.message ?? `服务暂时不可用（${res.status}），请稍后再试。`,
    details: error?.details,
    ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : {}),
  };
}

/** Uploads one file as multipart/form-data (field `file`); errors as with `call`. */
export async function upload<T>(url: string, file: File, idempotencyKey: string): Promise<ApiResult<T>> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'idempotency-key': idempotencyKey },
      body: form,
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, code: 'offline', message: OFFLINE };
  }
  return answer<T>(res);
}

/** A 429's advice in words: when the limit lifts (the server's message already says to wait). */
export function retryAdvice(seconds: number | undefined): string {
  if (!seconds) return '';
  if (seconds < 90) return '约1分钟后恢复。';
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `约${minutes}分钟后恢复。`;
  return `约${Math.ceil(minutes / 60)}小时后恢复。`;
}
