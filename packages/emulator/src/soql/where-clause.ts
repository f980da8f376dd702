import type { Condition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { isNumeric } from '../org/schema/field-types.js';
import type { FieldPath } from './field-paths.js';
import { SoqlFailure, unsupportedConstruct } from './soql-errors.js';

type Row = Record<string, unknown>;
type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | Condition;
/** A compiled predicate over a record. */
export type Predicate = (record: Row) => boolean;

/**
 * Compiles a parsed WHERE clause (the parser gives a flat chain with paren counts) into a
 * predicate: NOT binds tightest, then AND, then OR, parentheses as written.
 */
export function compileWhere(
  where: WhereClause | undefined,
  resolve: (field: string) => { path: FieldPath; read: (record: Row) => unknown },
  today: () => string,
): Predicate {
  if (!where) return () => true;
  const tokens: Token[] = [];
  flatten(where, tokens);
  let index = 0;
  const peek = () => tokens[index];
  // operand (OR operand)*, operand (AND operand)*: AND binds tighter, both short-circuit.
  const chain = (operator: 'OR' | 'AND', operand: () => Predicate): Predicate => {
    let left = operand();
    while (peek() === operator) {
      index += 1;
      const a = left;
      const b = operand();
      left =
        operator === 'OR' ? (record) => a(record) || b(record) : (record) => a(record) && b(record);
    }
    return left;
  };
  const expression = (): Predicate => chain('OR', conjunction);
  const conjunction = (): Predicate => chain('AND', unary);
  const unary = (): Predicate => {
    const token = tokens[index++];
    if (token === 'NOT') {
      const inner = unary();
      return (record) => !inner(record);
    }
    if (token === '(') {
      const inner = expression();
      index += 1; // ')'
      return inner;
    }
    if (!token || typeof token === 'string')
      throw new SoqlFailure(unsupportedConstruct('This WHERE clause shape'));
    return condition(token, resolve, today);
  };
  return expression();
}

function flatten(clause: WhereClause, tokens: Token[]): void {
  const left = clause.left as (Condition & { openParen?: number; closeParen?: number }) | null;
  if ('operator' in clause && clause.operator === 'NOT') {
    tokens.push('NOT');
    for (let i = 0; i < (left?.openParen ?? 0); i += 1) tokens.push('(');
    flatten(clause.right, tokens);
    return;
  }
  for (let i = 0; i < (left?.openParen ?? 0); i += 1) tokens.push('(');
  if (left) tokens.push(left);
  for (let i = 0; i < (left?.closeParen ?? 0); i += 1) tokens.push(')');
  if ('right' in clause && clause.right) {
    tokens.push(clause.operator as 'AND' | 'OR');
    flatten(clause.right, tokens);
  }
}

function literal(raw: string, type: string | undefined, today: () => string): unknown {
  switch (type) {
    case 'STRING':
      return raw.replace(/^'|'$/g, '').replace(/\\(.)/g, '$1');
    case 'INTEGER':
    case 'DECIMAL':
      return Number(raw);
    case 'BOOLEAN':
      return raw.toLowerCase() === 'true';
    case 'NULL':
      return null;
    case 'DATE':
    case 'DATETIME':
      return raw;
    case 'DATE_LITERAL':
      if (raw.toUpperCase() === 'TODAY') return today();
      throw new SoqlFailure(unsupportedConstruct(`The date literal ${raw}`));
    default:
      throw new SoqlFailure(unsupportedConstruct(`A ${type ?? 'this'} value in WHERE`));
  }
}

function condition(
  node: Condition,
  resolve: (field: string) => { path: FieldPath; read: (record: Row) => unknown },
  today: () => string,
): Predicate {
  if (!('field' in node) || !('value' in node))
    throw new SoqlFailure(unsupportedConstruct('A function or subquery in WHERE'));
  const { path, read } = resolve(node.field);
  const types = Array.isArray(node.literalType) ? node.literalType : [node.literalType];
  const values = (Array.isArray(node.value) ? node.value : [node.value]).map((raw, i) =>
    literal(raw, types[i] ?? types[0], today),
  );
  const type = path.field.type;
  const key = (value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    if (isNumeric(type)) return Number(value);
    if (type === 'datetime') return Date.parse(String(value).replace(/\+0000$/, 'Z'));
    if (type === 'date') return String(value).slice(0, 10);
    if (type === 'boolean') return value === true || value === 'true';
    if (type === 'id' || type === 'reference') return String(value).slice(0, 15);
    return String(value).toLowerCase();
  };
  const wanted = values.map(key);
  const compare = (a: unknown, b: unknown): number => (a! < b! ? -1 : a! > b! ? 1 : 0);
  switch (node.operator) {
    case '=':
      return (record) => key(read(record)) === wanted[0];
    case '!=':
      return (record) => key(read(record)) !== wanted[0];
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const operator = node.operator;
      return (record) => {
        const value = key(read(record));
        if (value === null || wanted[0] === null) return false;
        const order = compare(value, wanted[0]);
        return operator === '<'
          ? order < 0
          : operator === '<='
            ? order <= 0
            : operator === '>'
              ? order > 0
              : order >= 0;
      };
    }
    case 'IN':
      return (record) => wanted.includes(key(read(record)));
    case 'NOT IN':
      return (record) => !wanted.includes(key(read(record)));
    case 'LIKE': {
      const pattern = String(values[0] ?? '')
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/%/g, '.*')
        .replace(/_/g, '.');
      const regex = new RegExp(`^${pattern}$`, 'is');
      return (record) => {
        const value = read(record);
        return value !== null && value !== undefined && regex.test(String(value));
      };
    }
    default:
      throw new SoqlFailure(unsupportedConstruct(`The operator ${node.operator}`));
  }
}
