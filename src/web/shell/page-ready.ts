import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';

/**
 * When the first page is complete, so the shell can show its footer without it being pushed down as the
 * page fills in (a layout shift): the router has the page's code and data (its loaders), nothing waits
 * for code (a `usePagePending` fallback) and no query is on its way. A store of its own because the
 * router (routes.tsx) imports the shell.
 */
let routerReady = false;
let pending = 0;
const listeners = new Set<() => void>();

function changed() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

interface ObservableRouter {
  state: { initialized: boolean };
  subscribe(listener: (state: { initialized: boolean }) => void): () => void;
}

/** Called once with the app's router (main.tsx). */
export function trackRouterReady(router: ObservableRouter) {
  const update = (initialized: boolean) => {
    if (initialized === routerReady) return;
    routerReady = initialized;
    changed();
  };
  update(router.state.initialized);
  router.subscribe((state) => update(state.initialized));
}

/** For a Suspense fallback inside a page: the page is not complete while it shows. */
export function usePagePending() {
  useEffect(() => {
    pending += 1;
    changed();
    return () => {
      pending -= 1;
      changed();
    };
  }, []);
}

const isReady = () => routerReady && pending === 0;

/** Queries a page starts as it mounts are counted a moment later: look again after this long. */
const RECHECK_MS = 50;
/** A page that keeps asking (or never finishes) still gets its footer after this long. */
const GIVE_UP_MS = 5_000;

/** True from the moment the first page is complete (and from then on); `enabled` once the shell shows it. */
export function useFirstPageSettled(enabled: boolean): boolean {
  const queryClient = useQueryClient();
  const ready = useSyncExternalStore(subscribe, isReady, isReady);
  const fetching = useIsFetching();
  const [settled, setSettled] = useState(false);

  useEffect(() => {
    if (settled || !enabled) return;
    const giveUp = window.setTimeout(() => setSettled(true), GIVE_UP_MS);
    return () => window.clearTimeout(giveUp);
  }, [settled, enabled]);

  useEffect(() => {
    if (settled || !enabled || !ready || fetching > 0) return;
    const recheck = window.setTimeout(() => {
      if (routerReady && pending === 0 && queryClient.isFetching() === 0) setSettled(true);
    }, RECHECK_MS);
    return () => window.clearTimeout(recheck);
  }, [settled, enabled, ready, fetching, queryClient]);

  return settled;
}
