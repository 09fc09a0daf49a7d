import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '../../../../shared/error-codes.ts';
import { AppError } from './app-error.ts';

function body(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  return {
    error: {
      code,
      message: message ?? ERROR_CODES[code].message,
      ...(details === undefined ? {} : { details }),
    },
  };
}

/** One handler for every error: known codes as the contract says, anything else a logged 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => {
        const where = (err as FastifyError).validationContext ?? 'body';
        const issuePath = (v.params as { issue?: { path?: PropertyKey[] } } | undefined)?.issue?.path;
        const field = [where, ...(issuePath ?? v.instancePath.split('/').filter(Boolean)).map(String)].join(
          '.',
        );
        return { field, message: v.message };
      });
      const first = issues[0];
      return reply
        .code(400)
        .send(
          body(
            'validation_failed',
            `提交的内容有误：字段 ${first?.field ?? ''} 不符合要求（${first?.message ?? ''}），请修改后重试。`,
            { issues },
          ),
        );
    }
    const fe = err as FastifyError;
    if (
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (fe.statusCode === 400 && fe instanceof SyntaxError)
    ) {
      return reply
        .code(400)
        .send(body('validation_failed', '请求体不是有效的 JSON，请检查格式后重试。', { field: 'body' }));
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send(
        body('validation_failed', '不支持的内容类型，请以 application/json 提交。', {
          field: 'content-type',
        }),
      );
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return reply.code(413).send(body('payload_too_large'));
    }
    if (fe.statusCode === 429) {
      return reply.code(429).send(body('rate_limited'));
    }
    if (fe.validation) {
      return reply
        .code(400)
        .send(body('validation_failed', `提交的内容有误：${fe.message}`, { issues: fe.validation }));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.code(400).send(body('validation_failed', `请求无效：${fe.message}`));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('internal_error', undefined, { requestId: String(req.id) }));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(body('not_found', `没有这个地址：${req.method} ${req.url.split('?')[0]}`));
  });
}
