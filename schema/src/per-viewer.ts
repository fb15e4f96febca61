import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { Extensions } from 'type-graphql';

/** The field extension that marks a per-viewer field. */
export const PER_VIEWER_EXTENSION = 'perViewer';

/**
 * Declares that a field's value depends on who asks (an unread count, a presence the viewer may or
 * may not see, "did I react"). Put it where the field is defined, beside `@Field` or `@FieldResolver`.
 *
 * Subscription events are executed once and shared by every subscriber with the same operation;
 * an operation that selects a per-viewer field is executed for each viewer instead. A field that
 * reads the viewer without this mark fails in shared execution rather than showing one viewer's
 * data to another (see the server's shared execution).
 */
export const PerViewer = (): MethodDecorator & PropertyDecorator =>
  Extensions({ [PER_VIEWER_EXTENSION]: true }) as MethodDecorator & PropertyDecorator;

/** `Type.field` coordinates of every field marked {@link PerViewer} in a built schema. */
export function perViewerFields(schema: GraphQLSchema): Set<string> {
  const out = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.extensions?.[PER_VIEWER_EXTENSION] === true) out.add(`${type.name}.${field.name}`);
    }
  }
  return out;
}
