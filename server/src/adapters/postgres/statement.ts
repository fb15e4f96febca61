import pg from 'pg';
import type { FieldDef, QueryResult, QueryResultRow } from 'pg';

/** Most distinct statements prepared; statements whose text varies (multi-row VALUES) stop there. */
const MAX_PREPARED = 500;

/** What pg's result keeps of a row description, built from the description by `addFields`. */
interface RowShape {
  fields: FieldDef[];
  _parsers: unknown[] | undefined;
  _prebuiltEmptyResultObject: object | null;
}

// Not in pg's types: the hook its client calls with each row description, and the result it fills.
declare module 'pg' {
  interface Query {
    text: string;
    name?: string;
    callback?: (err: Error | null, result?: QueryResult) => void;
    handleRowDescription(msg: { fields: FieldDef[] }): void;
  }
}

const sameFields = (a: readonly FieldDef[], b: readonly FieldDef[]): boolean =>
  a.length === b.length &&
  a.every((f, i) => f.name === b[i]!.name && f.dataTypeID === b[i]!.dataTypeID && f.format === b[i]!.format);

/**
 * One statement for pg's client. Built from its text, not from a config object the driver would copy
 * property by property on every send; and a prepared statement's rows, described the same way every
 * time, are built with the parsers and empty row made for its first answer, where the driver makes
 * them again for every answer (a null-prototype object copied the slow way). Together they were a
 * tenth of a node's time on the send path.
 */
export class Statement extends pg.Query {
  #shapes: Map<string, RowShape> | undefined;

  constructor(text: string, values: unknown[] | undefined, name: string | undefined, shapes?: Map<string, RowShape>) {
    super(text, values);
    if (name !== undefined) this.name = name;
    this.#shapes = shapes;
  }

  override handleRowDescription(msg: { fields: FieldDef[] }): void {
    const result = (this as unknown as { _result: RowShape })._result;
    const shape = this.name === undefined ? undefined : this.#shapes?.get(this.name);
    if (shape && sameFields(shape.fields, msg.fields)) {
      // As the driver's own: one result (a prepared statement is one statement), rows kept for the callback.
      result.fields = msg.fields;
      result._parsers = shape._parsers;
      result._prebuiltEmptyResultObject = shape._prebuiltEmptyResultObject;
      (this as unknown as { _accumulateRows: boolean })._accumulateRows = true;
      return;
    }
    super.handleRowDescription(msg);
    if (this.name === undefined || !this.#shapes) return;
    // A copy of the fields: the caller is handed the result's own array.
    const { fields, _parsers, _prebuiltEmptyResultObject } = result;
    this.#shapes.set(this.name, { fields: fields.slice(), _parsers, _prebuiltEmptyResultObject });
  }
}

/**
 * The statements of one database. With `prepare`, statements with parameters are prepared once per
 * connection, under a name given to their text: PostgreSQL then parses and plans each once instead
 * of on every send, and the driver sends no Parse message again.
 */
export function createStatements(prepare: boolean) {
  const names = new Map<string, string>();
  const shapes = new Map<string, RowShape>();
  return (text: string, params: unknown[] | undefined): Statement => {
    if (params === undefined || !prepare) return new Statement(text, params, undefined);
    let name = names.get(text);
    if (name === undefined && names.size < MAX_PREPARED) names.set(text, (name = `parley_${names.size}`));
    return new Statement(text, params, name, shapes);
  };
}

/** Sends `s` on a connection that is checked out (one of a transaction, the read lane's, one from the pool). */
export function sendOn<R extends QueryResultRow>(client: pg.ClientBase, s: Statement): Promise<QueryResult<R>> {
  return new Promise((resolve, reject) => {
    s.callback = (err, result) => (err ? reject(err) : resolve(result as QueryResult<R>));
    client.query(s);
  });
}
