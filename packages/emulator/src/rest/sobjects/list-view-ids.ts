import { to18 } from '../../org/salesforce-ids.js';
import type { ObjectSchema } from '../../org/schema/org-schema.js';
import type { EmulatorState } from '../../state/emulator-state.js';

/** The one list view every object has, "All <plural>", with a stable 00B id per object. */
export function listViewId(state: EmulatorState, object: ObjectSchema): string {
  const index = state.setup.schema.objects().findIndex((o) => o.name === object.name);
  return to18(`00B${String(index + 1).padStart(12, '0')}`);
}

/** The object a list view id belongs to. */
export function listViewObject(state: EmulatorState, id: string): string | undefined {
  return state.setup.schema
    .objects()
    .find((object) => listViewId(state, object).slice(0, 15) === id.slice(0, 15))?.name;
}
