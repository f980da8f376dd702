import { SalesforceAuthError } from '@sf-jwt/core';
import {
  type ConnectionForRequest,
  connectionForRequest,
  httpErrorResponse,
} from '@sf-jwt/jsforce-adapter';
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import fp from 'fastify-plugin';
import type { SalesforcePluginOptions } from './plugin-options.js';
import type { SalesforceControls } from './salesforce-controls.js';
import './request-sf.js';

const OWNER = {
  name: 'salesforcePlugin',
  usage: 'Register it with { source: { clientId, username, privateKeyFile } }.',
};

const plugin: FastifyPluginCallback<SalesforcePluginOptions> = (fastify, options, done) => {
  // A config source is validated now, so a bad key or consumer key fails `register` (like Nest's
  // bootstrap) instead of the first request.
  let connect: ConnectionForRequest<FastifyRequest>;
  try {
    connect = connectionForRequest<FastifyRequest>(
      {
        ...options,
        validateSource: true,
        skip: (request) =>
          options.routes === 'opted-in' && request.routeOptions.config.salesforce !== true,
      },
      OWNER,
    );
  } catch (error) {
    done(error as Error);
    return;
  }
  const pool = connect.connections;
  if (!fastify.hasRequestDecorator('sf')) fastify.decorateRequest('sf', null as never);
  if (!fastify.hasDecorator('salesforce')) {
    const controls: SalesforceControls = {
      connections: pool,
      clearLoginFailure: (subject = '') => pool.clearLoginFailure(subject),
    };
    fastify.decorate('salesforce', controls);
  }

  fastify.addHook('preHandler', (request, _reply, next: (error?: Error) => void) =>
    connect(request, (error, connection) => {
      if (connection) request.sf = connection;
      next(error as Error | undefined);
    }),
  );

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
