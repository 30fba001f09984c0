import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MODEL_TEMPLATES, textForWorkspace, uniqueFileName } from '../../src/extension/modelTemplates';
import { parseModelFile } from '../../src/shared/parseModelFile';

const examples = path.resolve(__dirname, '../../examples');

describe('model templates', () => {
  it('picks a free name by numbering before .cnn.json', () => {
    const taken = new Set(['quickstart.cnn.json', 'quickstart-2.cnn.json']);
    assert.equal(uniqueFileName('quickstart.cnn.json', (n) => taken.has(n)), 'quickstart-3.cnn.json');
    assert.equal(uniqueFileName('deeper.cnn.json', (n) => taken.has(n)), 'deeper.cnn.json');
  });

  it('drops a relative $schema and keeps the rest of the text as written', () => {
    const text = '{\n  "$schema": "../schemas/cnn.schema.json",\n  "name": "q",\n  "layers": [ { "type": "Flatten" } ]\n}\n';
    assert.equal(textForWorkspace(text), '{\n  "name": "q",\n  "layers": [ { "type": "Flatten" } ]\n}\n');
  });

  it('keeps a $schema that is a URL', () => {
    const text = '{ "$schema": "https://example.com/cnn.schema.json", "name": "q" }';
    assert.equal(textForWorkspace(text), text);
  });

  for (const template of MODEL_TEMPLATES) {
    it(`ships ${template.file}, valid once copied into a workspace`, function () {
      const file = path.join(examples, template.file);
      if (!existsSync(file)) this.skip(); // examples/ is written by the training core
      const copied = textForWorkspace(readFileSync(file, 'utf8'));
      assert.doesNotMatch(copied, /\.\.\/schemas/);
      const errors = parseModelFile(copied).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((e) => e.message), []);
    });
  }
});
