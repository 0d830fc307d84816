/**
 * The JSON Schema of scenario files, generated from the zod schema, so editors (through the
 * `yaml-language-server` comment at the top of each scenario) complete and check what the
 * loader accepts. `scenarios/schema.json` is this, committed; a test keeps it current.
 */
import { z } from 'zod';
import { ScenarioSchema } from './schema.js';

/** The JSON Schema document for scenario files. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    ...generated,
    title: 'statusdrill scenario (v1)',
    description:
      'A statusdrill scenario: channels of an organisation and a timeline of what happens to them. Semantic rules (ids, references, languages, times) are checked by `statusdrill validate`.',
  };
}

/** The committed text of `scenarios/schema.json`. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
