/** A SOQL failure as the REST API reports it (HTTP 400, one error in a list). */
export interface SoqlError {
  errorCode: 'MALFORMED_QUERY' | 'INVALID_TYPE' | 'INVALID_FIELD' | 'FUNCTIONALITY_NOT_ENABLED';
  message: string;
}

/** Salesforce's location preamble: the query, a caret under the column, Row and Column. */
function located(soql: string, token: string, text: string): string {
  const flat = soql.replace(/\s+/g, ' ').trim();
  const index = Math.max(0, flat.toLowerCase().indexOf(token.toLowerCase()));
  return `\n${flat}\n${' '.repeat(index)}^\nERROR at Row:1:Column:${index + 1}\n${text}`;
}

export function malformedQuery(soql: string, detail: string): SoqlError {
  return { errorCode: 'MALFORMED_QUERY', message: located(soql, soql.trim(), detail) };
}

export function invalidType(soql: string, object: string): SoqlError {
  return {
    errorCode: 'INVALID_TYPE',
    message: located(
      soql,
      object,
      `sObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  };
}

export function invalidField(soql: string, field: string, object: string): SoqlError {
  return {
    errorCode: 'INVALID_FIELD',
    message: located(
      soql,
      field,
      `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  };
}

export function invalidRelationship(soql: string, relationship: string): SoqlError {
  return {
    errorCode: 'INVALID_FIELD',
    message: located(
      soql,
      relationship,
      `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
    ),
  };
}

/** A construct the emulator does not evaluate: said plainly, never a wrong answer. */
export function unsupportedConstruct(what: string): SoqlError {
  return {
    errorCode: 'FUNCTIONALITY_NOT_ENABLED',
    message: `${what} is not supported by the emulator (sf-jwt emulator)`,
  };
}

export class SoqlFailure extends Error {
  constructor(readonly error: SoqlError) {
    super(error.message);
  }
}
