import { type EmulatorResponse, json } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';

/**
 * `GET /tooling/completions?type=apex|visualforce`: Apex completions list the org's sObjects as
 * public declarations; Visualforce completions the standard components an editor offers first.
 */
export function completions(state: EmulatorState, request: { url: URL }): EmulatorResponse {
  const type = request.url.searchParams.get('type');
  if (type === 'visualforce') {
    const components = [
      'apex:page',
      'apex:form',
      'apex:inputField',
      'apex:outputField',
      'apex:commandButton',
      'apex:pageBlock',
    ];
    return json(200, {
      completions: Object.fromEntries(
        components.map((name) => [name, { simple: false, attribs: { id: {}, rendered: {} } }]),
      ),
    });
  }
  if (type === 'apex') {
    const publicDeclarations = {
      Schema: Object.fromEntries(
        state.setup.schema.objects().map((object) => [
          object.name,
          {
            constructors: [],
            methods: [],
            properties: object.fields.map((field) => ({ name: field.name })),
          },
        ]),
      ),
    };
    return json(200, { publicDeclarations });
  }
  return json(400, [
    { errorCode: 'INVALID_TYPE', message: `Invalid completions type: ${type ?? ''}` },
  ]);
}
