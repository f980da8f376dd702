import type { Request, RequestHandler } from 'express';
import type { Connection } from 'jsforce';
import { expectTypeOf, test } from 'vitest';
import '../src/index.js';

test('req.sf is a jsforce Connection in any handler, with no cast', () => {
  const handler: RequestHandler = async (req, res) => {
    expectTypeOf(req.sf).toEqualTypeOf<Connection>();
    const result = await req.sf.query<{ Name: string }>('SELECT Name FROM Account');
    expectTypeOf(result.records[0]!.Name).toEqualTypeOf<string>();
    res.json(result.records);
  };
  expectTypeOf(handler).toBeFunction();
  expectTypeOf<Request['sf']>().toEqualTypeOf<Connection>();
});
