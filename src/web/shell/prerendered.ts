import type { QueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../shared/session.ts';

/**
 * Some pages arrive with their first screen already in the HTML (src/web/prerender.tsx, built by
 * vite.config.ts): the shell and the page's Dutch texts. React's first render replaces whatever is in
 * `#root`, so it must not happen before the app can show the same page complete, or the text would
 * vanish and come back. Replacing every node at once moves nothing that was on screen (no layout shift),
 * and the same text at the same size is no new largest paint.
 *
 * The app can take over when the shell's own conditions hold (AppShell.tsx): the session answered (or
 * failed, or took too long), the texts for the page in the visitor's language are there (or failed), and
 * the router has the page's code and data. Someone who chose English sees the Dutch screen until then.
 */

/** Should anything hang, the app takes over anyway; it shows its own waiting state from there. */
const GIVE_UP_MS = 5_000;

interface ObservableRouter {
  state: { initialized: boolean };
  subscribe(listener: (state: { initialized: boolean }) => void): () => void;
}

/**
 * What the take-over waits on, handed in by main.tsx, which also renders: this module imports nothing of
 * the app at run time, since the bundler would split whatever it shares with the first load out of that
 * load's files, which costs more than this module's size.
 */
export interface TakeOverParts {
  router: ObservableRouter;
  queryClient: QueryClient;
  sessionKey: readonly unknown[];
  /** Loads the texts a page needs, signed in or not (i18n/index.ts `loadTexts` with `textScopeOf`). */
  loadPageTexts: (signedIn: boolean) => Promise<void>;
}

/**
 * Call right before the app renders into `root`. When React's first commit has replaced the screen, the
 * mark goes, and whoever had tabbed into the screen meanwhile keeps their place: the same element of the
 * new, identical markup gets the focus back (before the next paint: a mutation observer runs first).
 */
export function keepFocusAcrossTakeOver(root: HTMLElement, mark: string) {
  let focusPath: number[] | null = null;
  const track = () => {
    focusPath = pathTo(document.activeElement, root);
  };
  track();
  root.addEventListener('focusin', track);
  const committed = new MutationObserver(() => {
    committed.disconnect();
    root.removeEventListener('focusin', track);
    root.removeAttribute(mark);
    const target = focusPath?.reduce<Element | undefined>((node, index) => node?.children[index], root);
    if (target instanceof HTMLElement && document.activeElement === document.body) target.focus();
  });
  committed.observe(root, { childList: true });
}

/** The child indexes from `root` down to `element`; null when it is not inside. */
function pathTo(element: Element | null, root: HTMLElement): number[] | null {
  const path: number[] = [];
  for (let node = element; node && node !== root; node = node.parentElement) {
    if (!node.parentElement) return null;
    path.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
  }
  return element && root.contains(element) && element !== root ? path : null;
}

/** Resolves when the live app can replace the prerendered screen without showing less. */
export function whenAppCanTakeOver({ router, queryClient, sessionKey, loadPageTexts }: TakeOverParts): Promise<void> {
  const ready = (async () => {
    const session = await sessionSettled(queryClient, sessionKey);
    await Promise.all([loadPageTexts(Boolean(session?.person)).catch(() => undefined), routerInitialized(router)]);
  })();
  return Promise.race([ready, delay(GIVE_UP_MS)]);
}

function sessionSettled(queryClient: QueryClient, sessionKey: readonly unknown[]): Promise<SessionInfo | undefined> {
  return new Promise((resolve) => {
    const check = () => {
      const state = queryClient.getQueryState<SessionInfo>(sessionKey);
      if (state && (state.status !== 'pending' || state.fetchFailureCount > 0)) {
        unsubscribe();
        resolve(state.data);
        return true;
      }
      return false;
    };
    const unsubscribe = queryClient.getQueryCache().subscribe(() => void check());
    check();
  });
}

function routerInitialized(router: ObservableRouter): Promise<void> {
  if (router.state.initialized) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = router.subscribe((state) => {
      if (!state.initialized) return;
      unsubscribe();
      resolve();
    });
  });
}

const delay = (ms: number) => new Promise<void>((resolve) => window.setTimeout(resolve, ms));
