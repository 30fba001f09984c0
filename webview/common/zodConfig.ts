// Zod compiles parsers with `new Function` when it can. The webview's CSP forbids eval, so
// each first parse would raise a CSP violation before zod falls back; jitless skips the try.
import { z } from 'zod';

z.config({ jitless: true });
