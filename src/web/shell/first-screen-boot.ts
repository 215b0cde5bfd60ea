/**
 * The only script of a page that arrives with its first screen in the HTML (src/web/prerender.tsx;
 * vite.config.ts builds it into dist/web/first-screens/ and writes this file next to the app's assets).
 *
 * Such a page keeps the app's script and preloads in a `<template>`, where the browser does not fetch
 * them, so the screen paints with only the HTML and the CSS on the way (issue #13: the largest text no
 * longer waits for 130 KiB of JavaScript on a slow connection). After that first paint this starts the
 * same files, all at once, as index.html would have; the app then takes over the screen (main.tsx).
 * Nothing inline: the CSP allows scripts from this origin only.
 */
const TEMPLATE_ID = 'weerbaar-app-code';

/** A frame has been painted: the next task after an animation frame. A hidden tab paints nothing: go on. */
function afterFirstPaint(): Promise<void> {
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

async function startApp() {
  const template = document.getElementById(TEMPLATE_ID);
  if (!(template instanceof HTMLTemplateElement)) return;
  await afterFirstPaint();
  for (const preload of template.content.querySelectorAll('link[rel="modulepreload"]')) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = preload.getAttribute('href') ?? '';
    document.head.append(link);
  }
  const entry = template.content.querySelector('script[type="module"][src]')?.getAttribute('src');
  if (entry) await import(/* @vite-ignore */ entry);
}

void startApp();

export {};
