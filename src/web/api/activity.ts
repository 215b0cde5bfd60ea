/**
 * When the person last did something in this tab (a key, a click, a touch). The API client asks this
 * before every read: a read from an unattended screen is marked as a background refresh, so polling
 * never keeps a session alive past its idle timeout (see BACKGROUND_REFRESH_HEADER).
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
