/**
 * The injection token of the jsforce `Connection` (see {@link InjectSalesforce}).
 * @example
 * ```ts
 * constructor(@Inject(SALESFORCE_CONNECTION) private readonly sf: Connection) {}
 * ```
 */
export const SALESFORCE_CONNECTION = Symbol.for('@sf-jwt/nestjs:connection');

/**
 * The injection token of the module's `ConnectionPool` (every subject's Connection, for
 * inspection or lazy use outside a request).
 * @example
 * ```ts
 * constructor(@Inject(SALESFORCE_CONNECTIONS) private readonly pool: ConnectionPool) {}
 * ```
 */
export const SALESFORCE_CONNECTIONS = Symbol.for('@sf-jwt/nestjs:connections');

/**
 * The injection token of the resolved {@link SalesforceModuleOptions}.
 * @example
 * ```ts
 * constructor(@Inject(SALESFORCE_OPTIONS) private readonly options: SalesforceModuleOptions) {}
 * ```
 */
export const SALESFORCE_OPTIONS = Symbol.for('@sf-jwt/nestjs:options');
