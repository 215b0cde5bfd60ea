import type { Page } from 'playwright-core';

/** What has keyboard focus now, described the way a test can compare it. */
export interface Focused {
  tag: string;
  id: string;
  /** aria-label when present, else the visible text (whitespace squeezed). */
  name: string;
  href: string | null;
  outlineStyle: string;
  outlineWidth: string;
  focusVisible: boolean;
}

export function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      name: (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim(),
      href: element.getAttribute('href'),
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      focusVisible: element.matches(':focus-visible'),
    };
  });
}

/**
 * Presses Tab until the focused element satisfies `matches`, recording every stop. Fails after
 * `max` presses, listing where focus went, so a broken tab order is easy to see.
 */
export async function tabUntil(
  page: Page,
  matches: (element: Focused) => boolean,
  max = 30,
): Promise<{ target: Focused; stops: Focused[] }> {
  const stops: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    if (!element) continue;
    stops.push(element);
    if (matches(element)) return { target: element, stops };
  }
  throw new Error(
    `Focus did not reach the element within ${max} Tab presses; it went to:\n${stops
      .map((stop) => `  ${stop.tag} "${stop.name}"`)
      .join('\n')}`,
  );
}
