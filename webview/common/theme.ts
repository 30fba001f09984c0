// The VS Code theme as the webview sees it: CSS variables on the document, swapped (with the
// body's vscode-light / vscode-dark / vscode-high-contrast class) when the user changes theme.
// Canvas drawing (chart.js) cannot use var(), so colours are read here and re-read on change.

/** The value of a CSS variable, or the fallback when the theme does not define it. */
export function cssVariable(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** The series colours of VS Code's charts palette, in the order the dashboard assigns them. */
export function chartPalette(): string[] {
  return [
    cssVariable('--vscode-charts-blue', '#3794ff'),
    cssVariable('--vscode-charts-orange', '#d18616'),
    cssVariable('--vscode-charts-green', '#89d185'),
    cssVariable('--vscode-charts-purple', '#b180d7'),
    cssVariable('--vscode-charts-red', '#f14c4c'),
    cssVariable('--vscode-charts-yellow', '#cca700'),
  ];
}

/** A CSS colour (#rgb, #rrggbb, #rrggbbaa or rgb()/rgba()) at the given opacity, as rgba(). */
export function withAlpha(color: string, alpha: number): string {
  const rgba = parseColor(color);
  if (!rgba) return color;
  const [r, g, b, a] = rgba;
  return `rgba(${r}, ${g}, ${b}, ${+(a * alpha).toFixed(3)})`;
}

/** Calls back whenever the theme changes (VS Code swaps the body class and the variables together). */
export function onThemeChange(callback: () => void): void {
  const observer = new MutationObserver(() => callback());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}

function parseColor(color: string): [number, number, number, number] | null {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color);
  if (hex) {
    let digits = hex[1];
    if (digits.length === 3 || digits.length === 4) digits = [...digits].map((d) => d + d).join('');
    if (digits.length !== 6 && digits.length !== 8) return null;
    const value = (i: number): number => parseInt(digits.slice(i, i + 2), 16);
    return [value(0), value(2), value(4), digits.length === 8 ? value(6) / 255 : 1];
  }
  const functional = /^rgba?\(([^)]+)\)$/i.exec(color);
  if (functional) {
    const parts = functional[1].split(/[\s,/]+/).filter(Boolean).map(Number.parseFloat);
    if (parts.length < 3 || parts.some(Number.isNaN)) return null;
    return [parts[0], parts[1], parts[2], parts[3] ?? 1];
  }
  return null;
}
