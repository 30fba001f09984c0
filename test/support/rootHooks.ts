// Mocha root hooks (.mocharc "require"): after every suite has run, nothing the real-VS-Code
// suites share may keep running, even when a --grep skipped the suite that would stop it.
import { stopSharedWorkbenchHost } from '../e2e/sharedWorkbenchHost';

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await stopSharedWorkbenchHost();
  },
};
