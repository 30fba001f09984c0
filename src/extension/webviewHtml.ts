// The HTML page both webviews load: a strict Content-Security-Policy (nothing but the one
// nonce-tagged script and the extension's own style sheets), then the bundle builds the page.
// Only `import type` from vscode here, so the webview tests can build the very same page.
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/** What a page needs, as URIs already converted with webview.asWebviewUri. */
export interface WebviewPage {
  title: string;
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: string[];
}

/** A fresh nonce for a page's script tag. */
export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** The page's HTML. */
export function webviewHtml(page: WebviewPage): string {
  const csp = [
    "default-src 'none'",
    `img-src ${page.cspSource} data: blob:`,
    `style-src ${page.cspSource}`,
    `font-src ${page.cspSource}`,
    `script-src 'nonce-${page.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${page.styleUris.map((uri) => `  <link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n')}
  <title>${escapeText(page.title)}</title>
</head>
<body>
  <script nonce="${escapeAttribute(page.nonce)}" src="${escapeAttribute(page.scriptUri)}"></script>
</body>
</html>`;
}

/** Folders a webview may load from: the built bundles and the style sheets. */
export function webviewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [joinUri(extensionUri, 'dist', 'webview'), joinUri(extensionUri, 'media')];
}

/** The page of one of the two webviews, with its bundle (dist/webview/<name>.js) and style sheets. */
export function pageFor(webview: Pick<vscode.Webview, 'asWebviewUri' | 'cspSource'>, extensionUri: vscode.Uri, name: 'dashboard' | 'misclassified', title: string): string {
  const uri = (...segments: string[]): string => webview.asWebviewUri(joinUri(extensionUri, ...segments)).toString();
  return webviewHtml({
    title,
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: uri('dist', 'webview', `${name}.js`),
    styleUris: [uri('media', 'base.css'), uri('media', `${name}.css`)],
  });
}

/** Uri.joinPath without importing vscode at run time (Uri.with is an instance method). */
function joinUri(base: vscode.Uri, ...segments: string[]): vscode.Uri {
  return base.with({ path: [base.path.replace(/\/+$/, ''), ...segments].join('/') });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
