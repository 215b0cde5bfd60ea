/**
 * When the person last did something in this tab (a key, a click, a touch). Background polling asks
 * this first: every answered request counts as activity on the server, so polling from an unattended
 * screen would keep a session alive past its idle timeout.
 */
let lastInteraction = Date.now();
let listening = false;

function listen() {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const note = () => {
    lastInteraction = Date.now();
  };
  for (const event of ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const) {
    window.addEventListener(event, note, { passive: true, capture: true });
  }
}

/** True when the person used this tab within the last `withinMs` and it is in view. */
export function activeAndVisible(withinMs: number): boolean {
  listen();
  return document.visibilityState === 'visible' && Date.now() - lastInteraction <= withinMs;
}

listen();
