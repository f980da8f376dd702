import type { FieldSchema } from '../org/schema/field-types.js';
import { isNumeric } from '../org/schema/field-types.js';
import type { SoqlResult } from './run-soql.js';

interface Column {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: Column[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

const APEX_TYPES: Record<string, string> = {
  id: 'Id',
  reference: 'Id',
  boolean: 'Boolean',
  int: 'Integer',
  double: 'Double',
  currency: 'Double',
  percent: 'Double',
  date: 'Date',
  datetime: 'Datetime',
};

function fieldColumn(field: FieldSchema, aggregate = false): Column {
  return {
    aggregate,
    apexType: APEX_TYPES[field.type] ?? 'String',
    booleanType: field.type === 'boolean',
    columnName: field.name,
    custom: field.custom,
    displayName: field.name,
    foreignKeyName: null,
    insertable: field.createable,
    joinColumns: [],
    numberType: isNumeric(field.type),
    textType: !isNumeric(field.type) && field.type !== 'boolean',
    updatable: field.updateable,
  };
}

/** The `columns=true` answer: column metadata with parent fields as joinColumns. */
export function queryColumns(result: SoqlResult) {
  const columnMetadata: Column[] = [];
  for (const column of result.columns) {
    if (!column.path) {
      columnMetadata.push({
        aggregate: true,
        apexType: null,
        booleanType: false,
        columnName: column.label,
        custom: false,
        displayName: column.label,
        foreignKeyName: null,
        insertable: false,
        joinColumns: [],
        numberType: true,
        textType: false,
        updatable: false,
      });
      continue;
    }
    let siblings = columnMetadata;
    for (const hop of column.path.hops) {
      const name = hop.reference.relationshipName!;
      let join = siblings.find((candidate) => candidate.columnName === name);
      if (!join) {
        join = {
          ...fieldColumn(hop.reference),
          columnName: name,
          displayName: name,
          apexType: null,
          textType: false,
          foreignKeyName: hop.reference.name,
        };
        siblings.push(join);
      }
      siblings = join.joinColumns;
    }
    siblings.push(fieldColumn(column.path.field, Boolean(column.aggregate)));
  }
  return {
    columnMetadata,
    entityName: result.aggregate ? 'AggregateResult' : result.object.name,
    groupBy: result.aggregate,
    idSelected: columnMetadata.some((column) => column.columnName === 'Id'),
    keyPrefixes: [result.object.keyPrefix],
  };
}
