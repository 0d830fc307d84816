import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../server/scenario/json-schema.js';

describe('scenario JSON Schema', () => {
  it('is committed in scenarios/schema.json exactly as the code generates it (run `npm run schema` when this fails)', async () => {
    const committed = await readFile(resolve(PROJECT_ROOT, 'scenarios/schema.json'), 'utf8');
    expect(committed).to.equal(scenarioJsonSchemaText());
  });

  it('describes the fields editors complete, with their vocabularies', () => {
    const schema = scenarioJsonSchema() as {
      properties: { channels: { items: { properties: Record<string, { description?: string; enum?: string[] }> } } };
    };
    const channel = schema.properties.channels.items.properties;
    expect(channel.initial?.enum).to.deep.equal([
      'operational',
      'degraded_performance',
      'partial_outage',
      'major_outage',
      'under_maintenance',
    ]);
    expect(channel.id?.description).to.match(/Channel id/);
  });
});
