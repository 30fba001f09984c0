// The Model Summary panel as HTML: Keras's model.summary() table beside a vertical diagram
// of the layers. Built here as text (escaped, no remote resources) so it is tested without a
// webview; the page's only script swaps in a new body when the model file changes.
import type { Diagnostic } from '../parseModelFile';
import type { LayerSpec } from '../modelSchema';
import { formatShape } from '../shapeInference';
import type { ModelOutline } from './modelOutline';
import { formatMultiplyAdds, groupDigits, kerasShape, paramsPhrase } from '../numberFormat';

/** The message the page's script understands: replace the body with this HTML (the page answers a load with `{ type: 'ready' }`). */
export interface RenderSummaryMessage {
  type: 'render';
  body: string;
}

/** The panel's content for a model: problems first, then the summary table and the diagram. */
export function summaryBodyHtml(outline: ModelOutline, diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return [
    `<h1>Model: "${escapeHtml(outline.name)}"</h1>`,
    problemsHtml(errors, outline),
    '<div class="columns">',
    `<section class="summary" aria-label="Keras model.summary()">${tableHtml(outline)}${totalsHtml(outline)}</section>`,
    `<section class="diagram-column" aria-label="Layer diagram">${diagramHtml(outline)}</section>`,
    '</div>',
  ].join('\n');
}

/** The whole page: a strict CSP (only this nonce's style and script), theme colours, the body. */
export function summaryPageHtml(options: { nonce: string; title: string; body: string; state: unknown }): string {
  const nonce = escapeHtml(options.nonce);
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`;
  // JSON inside <script>: "<" escaped so no string in it can close the element.
  const state = JSON.stringify(options.state).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main id="root">
${options.body}
</main>
<script nonce="${nonce}">
(() => {
  const vscode = acquireVsCodeApi();
  vscode.setState(${state});
  const root = document.getElementById('root');
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'render' && typeof message.body === 'string') root.innerHTML = message.body;
  });
  // The body above may be older than the file by now: ask for the newest.
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}

function problemsHtml(errors: readonly Diagnostic[], outline: ModelOutline): string {
  if (errors.length === 0) return '';
  const shown = errors.slice(0, 5).map((d) => `<li>Line ${d.start.line}: ${escapeHtml(d.message)}</li>`);
  if (errors.length > shown.length) shown.push(`<li>… and ${errors.length - shown.length} more in the Problems panel</li>`);
  const stop = outline.complete ? '' : ' Shapes stop at the first layer with a problem.';
  return `<section class="problems" role="alert"><p>${errors.length} error${errors.length === 1 ? '' : 's'} to fix before training.${stop}</p><ul>${shown.join('')}</ul></section>`;
}

function tableHtml(outline: ModelOutline): string {
  const rows = outline.layers.map((l) => {
    const name = l.shape?.name ?? `layer ${l.index + 1}`;
    const type = l.spec?.type ?? 'invalid';
    const shape = l.shape ? kerasShape(l.shape.outputShape) : '?';
    const params = l.shape ? groupDigits(l.shape.params) : '—';
    return `<tr${l.shape ? '' : ' class="unknown"'}><td>${escapeHtml(name)} (${escapeHtml(type)})</td><td>${shape}</td><td class="number">${params}</td></tr>`;
  });
  return `<table><thead><tr><th>Layer (type)</th><th>Output Shape</th><th class="number">Param #</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function totalsHtml(outline: ModelOutline): string {
  if (!outline.complete) return '<p class="totals">Totals appear when every layer has a shape.</p>';
  const nonTrainable = outline.totalParams - outline.trainableParams;
  return `<dl class="totals">
<dt>Total params</dt><dd>${groupDigits(outline.totalParams)}</dd>
<dt>Trainable params</dt><dd>${groupDigits(outline.trainableParams)}</dd>
<dt>Non-trainable params</dt><dd>${groupDigits(nonTrainable)}</dd>
<dt>Multiply-adds per image</dt><dd>${formatMultiplyAdds(outline.totalMultiplyAdds)} (${groupDigits(outline.totalMultiplyAdds)})</dd>
</dl>`;
}

/** Input, then one box per layer, joined by arrows. */
function diagramHtml(outline: ModelOutline): string {
  const input = outline.inputShape ? formatShape(outline.inputShape) : '?';
  const boxes = [`<li class="box input"><span class="type">Input</span><span class="shape">${input}</span></li>`];
  for (const l of outline.layers) {
    const type = l.spec?.type;
    const shape = l.shape ? formatShape(l.shape.outputShape) : '?';
    const params = l.shape && l.shape.params > 0 ? `<span class="params">${paramsPhrase(l.shape.params)}</span>` : '';
    boxes.push(
      '<li class="arrow" aria-hidden="true">↓</li>',
      `<li class="box ${type ? KIND[type] : 'invalid'}"><span class="type">${escapeHtml(type ?? 'invalid layer')}</span><span class="shape">${shape}</span>${params}</li>`,
    );
  }
  return `<ol class="diagram">${boxes.join('')}</ol>`;
}

/** Box colour by what the layer does. */
const KIND: Record<LayerSpec['type'], string> = {
  Conv2D: 'conv', MaxPooling2D: 'pool', AveragePooling2D: 'pool', GlobalAveragePooling2D: 'pool',
  Flatten: 'reshape', Dense: 'dense', Dropout: 'regularize', BatchNormalization: 'regularize', Activation: 'activation',
};

/** Text for an HTML element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
h1 { font-size: 1.3em; font-weight: 600; }
.columns { display: flex; flex-wrap: wrap; gap: 32px; align-items: flex-start; }
.summary { flex: 1 1 420px; }
table { border-collapse: collapse; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
th, td { text-align: left; padding: 4px 16px 4px 0; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
thead th { border-bottom: 2px solid var(--vscode-foreground); }
.number { text-align: right; }
tr.unknown td { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
.totals { font-family: var(--vscode-editor-font-family); display: grid; grid-template-columns: max-content max-content; gap: 2px 16px; }
.totals dd { margin: 0; text-align: right; }
.problems { border-left: 3px solid var(--vscode-editorError-foreground); background: var(--vscode-inputValidation-errorBackground, transparent); padding: 4px 12px; margin-bottom: 12px; }
.problems ul { margin: 4px 0; padding-left: 20px; }
.diagram { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; align-items: center; min-width: 220px; }
.box { display: flex; flex-direction: column; align-items: center; min-width: 200px; padding: 6px 12px; border: 1px solid var(--vscode-widget-border, var(--vscode-foreground)); border-left-width: 6px; border-radius: 4px; background: var(--vscode-editorWidget-background); }
.box .type { font-weight: 600; }
.box .shape { font-family: var(--vscode-editor-font-family); }
.box .params { color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.arrow { color: var(--vscode-descriptionForeground); line-height: 1.4; }
.box.input { border-left-color: var(--vscode-descriptionForeground); }
.box.conv { border-left-color: var(--vscode-charts-blue); }
.box.pool { border-left-color: var(--vscode-charts-green); }
.box.reshape { border-left-color: var(--vscode-charts-yellow); }
.box.dense { border-left-color: var(--vscode-charts-purple); }
.box.regularize { border-left-color: var(--vscode-charts-orange); }
.box.activation { border-left-color: var(--vscode-charts-red); }
.box.invalid { border-left-color: var(--vscode-editorError-foreground); border-style: dashed; }
`;
