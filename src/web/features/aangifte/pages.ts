/**
 * The pages of the incident's later steps in one chunk, loaded on demand: one entry in the first load's
 * preload map instead of three (the first load is at its budget).
 */
export { ProtectionPage } from '../protection/ProtectionPage.tsx';
export { AangiftePage } from './AangiftePage.tsx';
export { PolicePage } from './PolicePage.tsx';
