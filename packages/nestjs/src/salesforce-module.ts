import { type DynamicModule, Module, type Provider, Scope } from '@nestjs/common';
import { APP_FILTER, REQUEST } from '@nestjs/core';
import { SalesforceAuthError } from '@sf-jwt/core';
import {
  type ConnectionForRequest,
  type ConnectionPool,
  connectionForRequest,
  serverPool,
} from '@sf-jwt/jsforce-adapter';
import type { Connection } from 'jsforce';
import type {
  SalesforceModuleAsyncOptions,
  SalesforceModuleOptions,
  SalesforceSubjectRequest,
} from './module-options.js';
import { SalesforceExceptionFilter } from './salesforce-exception-filter.js';
import { SALESFORCE_CONNECTION, SALESFORCE_CONNECTIONS, SALESFORCE_OPTIONS } from './tokens.js';

type Connect = ConnectionForRequest<SalesforceSubjectRequest>;

// The module's own provider of the per-request resolution (not exported).
const CONNECT = Symbol('@sf-jwt/nestjs:connect');

function createPool(options: SalesforceModuleOptions, perRequest: boolean): ConnectionPool {
  if (options.subject && !perRequest) {
    throw new SalesforceAuthError({
      code: 'invalid_config',
      message: 'SalesforceModule.forRootAsync options have a subject but perRequest is not true',
      hint: 'Pass perRequest: true to forRootAsync for one Salesforce user per request (classes injecting the Connection become request-scoped), or drop subject for one integration user.',
    });
  }
  return serverPool(options, {
    name: 'SalesforceModule',
    usage: 'Pass SalesforceModule.forRoot({ source: { clientId, username, privateKeyFile } }).',
  });
}

// Nest injects a Connection into every request it resolves: no request passes through.
const connectFor = (pool: ConnectionPool, options: SalesforceModuleOptions): Connect =>
  connectionForRequest({ connections: pool, subject: options.subject, passPreflight: false });

const connectionFor = (connect: Connect, request: SalesforceSubjectRequest = { headers: {} }) =>
  new Promise<Connection>((resolve, reject) =>
    connect(request, (error, connection) => (connection ? resolve(connection) : reject(error))),
  );

function providers(perRequest: boolean, exceptionFilter: boolean): Provider[] {
  const list: Provider[] = [
    {
      provide: SALESFORCE_CONNECTIONS,
      useFactory: (options: SalesforceModuleOptions) => createPool(options, perRequest),
      inject: [SALESFORCE_OPTIONS],
    },
    {
      provide: CONNECT,
      useFactory: connectFor,
      inject: [SALESFORCE_CONNECTIONS, SALESFORCE_OPTIONS],
    },
    perRequest
      ? {
          provide: SALESFORCE_CONNECTION,
          scope: Scope.REQUEST,
          useFactory: connectionFor,
          inject: [CONNECT, REQUEST],
        }
      : {
          provide: SALESFORCE_CONNECTION,
          useFactory: (connect: Connect) => connectionFor(connect),
          inject: [CONNECT],
        },
  ];
  if (exceptionFilter) list.push({ provide: APP_FILTER, useClass: SalesforceExceptionFilter });
  return list;
}

const EXPORTS = [SALESFORCE_CONNECTION, SALESFORCE_CONNECTIONS, SALESFORCE_OPTIONS];

/**
 * NestJS module: an injectable, self-healing jsforce `Connection` ({@link InjectSalesforce}),
 * request-scoped when the subject comes from the request, over the jsforce adapter's
 * `ConnectionPool`; and the sf-jwt error mapping as an exception filter.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     SalesforceModule.forRoot({
 *       source: { clientId, username: 'integration@acme.com', privateKeyFile: './server.key' },
 *       subject: (request) => request.headers['x-salesforce-user'] as string | undefined,
 *     }),
 *   ],
 *   controllers: [AccountsController],
 * })
 * class AppModule {}
 * ```
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: Nest dynamic modules are classes with static factories.
export class SalesforceModule {
  /**
   * The module from options known now.
   * @example
   * ```ts
   * SalesforceModule.forRoot({ source: config }); // one integration user, connected at start
   * ```
   */
  static forRoot(options: SalesforceModuleOptions): DynamicModule {
    return {
      module: SalesforceModule,
      global: options.isGlobal ?? true,
      providers: [
        { provide: SALESFORCE_OPTIONS, useValue: options },
        ...providers(options.subject !== undefined, options.exceptionFilter ?? true),
      ],
      exports: EXPORTS,
    };
  }

  /**
   * The module from options made by a factory (e.g. from a ConfigService). The Connection is an
   * app-wide singleton unless `perRequest: true` (see {@link SalesforceModuleAsyncOptions}).
   * @example
   * ```ts
   * SalesforceModule.forRootAsync({ useFactory: async () => ({ source: await loadConfig(), subject }), perRequest: true });
   * ```
   */
  static forRootAsync(options: SalesforceModuleAsyncOptions): DynamicModule {
    return {
      module: SalesforceModule,
      global: options.isGlobal ?? true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: SALESFORCE_OPTIONS,
          useFactory: options.useFactory,
          inject: (options.inject ?? []) as never[],
        },
        ...providers(options.perRequest ?? false, options.exceptionFilter ?? true),
      ],
      exports: EXPORTS,
    };
  }
}
