import { Kind, parse } from 'graphql';

/**
 * The operation name to send with `query`: the one given when the document defines it, else none.
 * GraphiQL updates a tab's operation name a moment after its document, so running a tab just switched
 * to can name the previous tab's operation; without a name, a one-operation document still runs.
 */
export function operationNameFor(query: string, given: string | null | undefined): string | undefined {
  if (!given) return undefined;
  try {
    const names = parse(query).definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
    );
    return names.includes(given) ? given : undefined;
  } catch {
    // The server answers a document that does not parse with its own error.
    return given;
  }
}
