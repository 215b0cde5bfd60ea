/**
 * Marks `#root` while it holds a page's prerendered first screen (vite.config.ts writes it; the app removes
 * it when it takes over, src/web/shell/prerendered.ts). End-to-end tests wait for it to go.
 */
export const FIRST_SCREEN_MARK = 'data-first-screen';
