import { strict as assert } from 'node:assert';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { addProperty, applyTextEdits, compactJson, indentationAt, insertBeforeItem } from '../../../src/shared/editor/jsonEdits';

const nodeAt = (text: string, path: (string | number)[]) => {
  const node = findNodeAtLocation(parseTree(text)!, path);
  assert.ok(node, `no node at ${path.join('.')}`);
  return node;
};

describe('JSON text edits', () => {
  it('applies several edits given against the original text, whatever their order', () => {
    const edits = [{ offset: 0, length: 1, newText: 'A' }, { offset: 4, length: 0, newText: '!' }, { offset: 2, length: 1, newText: 'CC' }];
    assert.equal(applyTextEdits('abcd', edits), 'AbCCd!');
    assert.equal(applyTextEdits('abcd', [...edits].reverse()), 'AbCCd!');
  });

  it('writes values on one line the way model files do', () => {
    assert.equal(compactJson({ type: 'Dense', units: 10, kernelSize: [3, 3], skip: undefined }), '{ "type": "Dense", "units": 10, "kernelSize": [3, 3] }');
    assert.equal(compactJson({}), '{}');
    assert.equal(compactJson('a"b'), '"a\\"b"');
  });

  it('reads the indentation of the line holding an offset', () => {
    const text = '{\n\t  "a": 1\n}';
    assert.equal(indentationAt(text, text.indexOf('"a"')), '\t  ');
    assert.equal(indentationAt(text, 0), '');
  });

  it('inserts an array item on its own line, or inline when items share a line', () => {
    const multi = '[\n  1,\n  2\n]';
    assert.equal(applyTextEdits(multi, [insertBeforeItem(multi, nodeAt(multi, [1]), '9')]), '[\n  1,\n  9,\n  2\n]');
    const inline = '[1, 2]';
    assert.equal(applyTextEdits(inline, [insertBeforeItem(inline, nodeAt(inline, [1]), '9')]), '[1, 9, 2]');
  });

  it('adds a property in the object\'s own style', () => {
    const inline = '{ "a": 1 }';
    assert.equal(applyTextEdits(inline, [addProperty(inline, nodeAt(inline, []), 'b', '2')]), '{ "a": 1, "b": 2 }');
    const multi = '{\r\n    "a": 1\r\n}';
    assert.equal(applyTextEdits(multi, [addProperty(multi, nodeAt(multi, []), 'b', '2')]), '{\r\n    "a": 1,\r\n    "b": 2\r\n}');
    const empty = '{}';
    assert.equal(applyTextEdits(empty, [addProperty(empty, nodeAt(empty, []), 'b', '2')]), '{ "b": 2 }');
  });
});
