import { type ArgumentsHost, Catch, type ExceptionFilter, Inject } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SalesforceAuthError } from '@sf-jwt/core';
import { type HttpErrorOptions, httpErrorResponse } from '@sf-jwt/jsforce-adapter';
import { SALESFORCE_OPTIONS } from './tokens.js';

/**
 * Renders sf-jwt errors with the same mapping as the Express middleware and the Fastify plugin:
 * 401 `no_subject` with a `WWW-Authenticate: Bearer` challenge, 503 with `Retry-After`, 500 with
 * `code` and `hint` for a misconfiguration; no secret. Platform-neutral (Express or Fastify).
 * `SalesforceModule` registers it for the whole app unless `exceptionFilter: false`.
 *
 * @example
 * ```ts
 * app.useGlobalFilters(new SalesforceExceptionFilter(app.get(HttpAdapterHost), { format: 'problem+json' }));
 * ```
 */
@Catch(SalesforceAuthError)
export class SalesforceExceptionFilter implements ExceptionFilter<SalesforceAuthError> {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(SALESFORCE_OPTIONS) private readonly options: HttpErrorOptions = {},
  ) {}

  catch(error: SalesforceAuthError, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response = host.switchToHttp().getResponse();
    const { status, headers, contentType, body } = httpErrorResponse(error, {
      ...(this.options.format ? { format: this.options.format } : {}),
      ...(this.options.realm ? { realm: this.options.realm } : {}),
    });
    for (const [name, value] of Object.entries(headers))
      httpAdapter.setHeader(response, name, value);
    httpAdapter.setHeader(response, 'content-type', `${contentType}; charset=utf-8`);
    httpAdapter.reply(response, JSON.stringify(body), status);
  }
}
