/**
 * The CSP forbids eval. zod, in the pages that validate, would probe for it once, and browsers report
 * that probe as a CSP violation. zod takes its settings from this global when it first loads, so this
 * module comes first in main.tsx: it turns the probe off without putting zod itself in the first load.
 */
(globalThis as { __zod_globalConfig?: { jitless: boolean } }).__zod_globalConfig = { jitless: true };
