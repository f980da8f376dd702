import { JwtBearerStrategy, SalesforceAuthError } from '@sf-jwt/core';
import { isAuthStrategy } from '@sf-jwt/core/internal';
import { ConnectionPool, httpErrorResponse, type StrategySource } from '@sf-jwt/jsforce-adapter';
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import fp from 'fastify-plugin';
import type { Connection } from 'jsforce';
import type { SalesforcePluginOptions } from './plugin-options.js';
import type { SalesforceControls } from './salesforce-controls.js';
import './request-sf.js';

type Done = (error?: Error) => void;

const isPreflight = (request: FastifyRequest) =>
  request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;

/**
 * A config is validated now, so a bad key or consumer key fails `register` (like Nest's
 * bootstrap) instead of the first request; its strategy is the pool's template for every subject.
 */
function validatedSource(source: StrategySource): StrategySource {
  if (typeof source === 'function' || isAuthStrategy(source)) return source;
  const template = new JwtBearerStrategy(source);
  return (subject) => (subject === '' ? template : template.forUser(subject));
}

const plugin: FastifyPluginCallback<SalesforcePluginOptions> = (fastify, options, done) => {
  const { subject: resolveSubject, routes = 'all', passPreflight = true } = options;
  if (!options.connections && !options.source) {
    done(
      new SalesforceAuthError({
        code: 'invalid_config',
        message: 'salesforcePlugin needs a source (config, strategy or factory) or connections',
        hint: 'Register it with { source: { clientId, username, privateKeyFile } }.',
      }),
    );
    return;
  }
  let pool: ConnectionPool;
  try {
    pool = options.connections ?? new ConnectionPool(validatedSource(options.source!), options);
  } catch (error) {
    done(error as Error);
    return;
  }
  if (!fastify.hasRequestDecorator('sf')) fastify.decorateRequest('sf', null as never);
  if (!fastify.hasDecorator('salesforce')) {
    const controls: SalesforceControls = {
      connections: pool,
      clearLoginFailure: (subject = '') => pool.clearLoginFailure(subject),
    };
    fastify.decorate('salesforce', controls);
  }

  const attach = (request: FastifyRequest, subject: string | undefined, next: Done) => {
    if (resolveSubject && !subject) return next(new SalesforceAuthError({ code: 'no_subject' }));
    const connection = pool.get(subject ?? '');
    if (!(connection instanceof Promise)) {
      request.sf = connection;
      return next();
    }
    connection.then((ready) => {
      request.sf = ready;
      next();
    }, next);
  };
  // One integration user: once its connection exists, a request costs one property write.
  let single: Connection | undefined;

  fastify.addHook('preHandler', (request, _reply, next: Done) => {
    if (routes === 'opted-in' && request.routeOptions.config.salesforce !== true) return next();
    if (passPreflight && isPreflight(request)) return next();
    if (!resolveSubject) {
      if (single) {
        request.sf = single;
        return next();
      }
      return attach(request, undefined, (error) => {
        if (!error) single = request.sf;
        next(error);
      });
    }
    let resolved: string | undefined | Promise<string | undefined>;
    try {
      resolved = resolveSubject(request);
    } catch (error) {
      return next(error as Error);
    }
    if (resolved instanceof Promise) resolved.then((value) => attach(request, value, next), next);
    else attach(request, resolved, next);
  });

  if (options.errorHandler !== false) {
    const previous = fastify.errorHandler;
    fastify.setErrorHandler(function salesforceErrors(
      this: FastifyInstance,
      error: FastifyError,
      request: FastifyRequest,
      reply: FastifyReply,
    ) {
      if (!SalesforceAuthError.isInstance(error)) return previous.call(this, error, request, reply);
      const { status, headers, contentType, body } = httpErrorResponse(error, options);
      return reply.code(status).headers(headers).type(contentType).send(JSON.stringify(body));
    });
  }
  done();
};

/**
 * Fastify plugin (Fastify 5) that puts an authenticated, self-healing jsforce `Connection` on
 * `request.sf`, for every route of the context it is registered in, or only for routes with
 * `config: { salesforce: true }` (`routes: 'opted-in'`). Once warm, a request costs a cache
 * lookup. sf-jwt errors become 401 / 500 / 503 with a `code` and no secret, through Fastify's
 * error handling. A config `source` is validated at `register`: a bad key or consumer key fails
 * the start-up with `invalid_config`. `app.salesforce` ({@link SalesforceControls}) holds the
 * pool and `clearLoginFailure()`.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { salesforcePlugin } from '@sf-jwt/fastify';
 *
 * const app = Fastify();
 * await app.register(salesforcePlugin, {
 *   source: { clientId, username: 'integration@acme.com', privateKeyFile: './server.key' },
 * });
 * app.get('/accounts', async (request) => (await request.sf.query('SELECT Name FROM Account')).records);
 * ```
 * @example
 * ```ts
 * // One Salesforce user per request, only inside this encapsulated context:
 * await app.register(async (api) => {
 *   await api.register(salesforcePlugin, { source: baseConfig, subject: (request) => request.user?.sfUsername });
 *   api.get('/api/me', async (request) => request.sf.identity());
 * });
 * ```
 */
export const salesforcePlugin = fp(plugin, { fastify: '5.x', name: '@sf-jwt/fastify' });
