import { Inject } from '@nestjs/common';
import { SALESFORCE_CONNECTION } from './tokens.js';

/**
 * Injects the authenticated jsforce `Connection` (this request's subject's, when the module has
 * a `subject`).
 * @example
 * ```ts
 * @Controller('accounts')
 * class AccountsController {
 *   constructor(@InjectSalesforce() private readonly sf: Connection) {}
 *   @Get() async list() {
 *     return (await this.sf.query('SELECT Id, Name FROM Account')).records;
 *   }
 * }
 * ```
 */
export const InjectSalesforce = (): ParameterDecorator & PropertyDecorator =>
  Inject(SALESFORCE_CONNECTION);
