// The Model Summary page: a strict CSP, nothing remote, the Keras table and the diagram,
// problems when there are any, and every text from the file escaped.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { outlineModel } from '../../../src/shared/editor/modelOutline';
import { escapeHtml, summaryBodyHtml, summaryPageHtml } from '../../../src/shared/editor/modelSummaryHtml';
import { parseModelFile } from '../../../src/shared/parseModelFile';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

function body(text: string): string {
  return summaryBodyHtml(outlineModel(text, 'fallback'), parseModelFile(text).diagnostics);
}

/** Text content of the cells of each table row. */
function tableRows(html: string): string[][] {
  const tbody = /<tbody>(.*)<\/tbody>/s.exec(html)?.[1] ?? '';
  return [...tbody.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));
}

describe('model summary HTML', () => {
  const text = readFileSync(path.join(EXAMPLES, 'quickstart.cnn.json'), 'utf8');

  it('holds the Keras model.summary() rows and totals', () => {
    const html = body(text);
    assert.ok(html.includes('<h1>Model: "quickstart"</h1>'));
    assert.deepEqual(tableRows(html), [
      ['conv2d (Conv2D)', '(None, 32, 32, 16)', '448'],
      ['max_pooling2d (MaxPooling2D)', '(None, 16, 16, 16)', '0'],
      ['conv2d_1 (Conv2D)', '(None, 16, 16, 32)', '4,640'],
      ['max_pooling2d_1 (MaxPooling2D)', '(None, 8, 8, 32)', '0'],
      ['flatten (Flatten)', '(None, 2048)', '0'],
      ['dense (Dense)', '(None, 64)', '131,136'],
      ['dropout (Dropout)', '(None, 64)', '0'],
      ['dense_1 (Dense)', '(None, 10)', '650'],
    ]);
    assert.ok(html.includes('<dt>Total params</dt><dd>136,874</dd>'));
    assert.ok(html.includes('<dt>Non-trainable params</dt><dd>0</dd>'));
    assert.ok(!html.includes('class="problems"'));
  });

  it('draws the input and one box per layer, joined by arrows', () => {
    const html = body(text);
    const boxes = [...html.matchAll(/<li class="box ([a-z]+)"><span class="type">([^<]+)<\/span><span class="shape">([^<]+)<\/span>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(boxes[0], ['input', 'Input', '32×32×3']);
    assert.deepEqual(boxes.slice(1).map((b) => b[1]), ['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dropout', 'Dense']);
    assert.deepEqual(boxes[1], ['conv', 'Conv2D', '32×32×16']);
    assert.equal(html.match(/class="arrow"/g)?.length, 8);
    assert.ok(html.includes('<span class="params">131,136 params</span>'));
  });

  it('lists the errors and marks layers whose shapes are unknown', () => {
    const broken = '{ "dataset": { "name": "cifar10" }, "layers": [{ "type": "Dense", "units": 10 }, { "type": "Flatten" }] }';
    const html = body(broken);
    assert.ok(html.includes('class="problems"'));
    assert.match(html, /1 error to fix before training\. Shapes stop at the first layer with a problem\./);
    assert.ok(html.includes('<li>Line 1: Dense expects a flat input'));
    assert.deepEqual(tableRows(html).map((r) => r.slice(1)), [['?', '—'], ['?', '—']]);
    assert.ok(html.includes('Totals appear when every layer has a shape.'));
  });

  it('escapes what the file says', () => {
    const hostile = text.replace('"name": "quickstart"', '"name": "<img src=x onerror=alert(1)>"');
    const html = body(hostile);
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.equal(escapeHtml('a & "b" <c>'), 'a &amp; &quot;b&quot; &lt;c&gt;');
  });

  it('is a page with a nonce-only CSP, inline theme styles and no remote resources', () => {
    const page = summaryPageHtml({ nonce: 'abc123', title: 'Summary: q', body: body(text), state: { uri: 'file:///w/</script>.cnn.json' } });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
    assert.equal(csp, "default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123'");
    assert.equal(page.match(/<script nonce="abc123">/g)?.length, 1);
    assert.equal(page.match(/<script/g)?.length, 1, 'the one script is the nonce-tagged one');
    assert.ok(page.includes('<style nonce="abc123">'));
    assert.ok(page.includes('var(--vscode-foreground)'));
    assert.ok(!/(src|href)=["']?(https?:)?\/\//.test(page), 'no remote resources');
    assert.ok(!page.includes('</script>.cnn.json'), 'state cannot close the script element');
    assert.ok(page.includes('"uri":"file:///w/\\u003c/script>.cnn.json"'));
    assert.ok(page.includes("vscode.postMessage({ type: 'ready' })"));
  });
});
