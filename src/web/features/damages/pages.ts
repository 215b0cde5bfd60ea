/** The damages pages in one chunk, so the first load carries one import of them (their route lines). */
export { DamageRulesRoute } from './DamageRulesPage.tsx';
export { DamagesRoute } from './DamagesPage.tsx';
