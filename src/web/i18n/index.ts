import i18n from 'i18next';
import { useEffect, useSyncExternalStore } from 'react';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../shared/locale.ts';
import { PUBLIC_TEXT_FILES, type TextScope } from './text-groups.ts';

/**
 * Message catalogues: one JSON file per feature and locale (locales/<locale>/<feature>.json), merged
 * into one catalogue per locale. Top-level keys must not repeat across files (a unit test checks this,
 * and that every key exists in both languages).
 *
 * Only the shell's texts of both languages come with the first load (the language switch names each
 * language in its own words, the header shows who is signed in); the rest of a language arrives on
 * demand, so nobody downloads both: first the texts of the public pages (text-groups.ts), the others
 * when a page or a signed-in menu needs them. The shell shows at once; pages wait for their texts
 * (useCatalogue, and the loader of the routes that need all texts).
 */
type Catalogue = Record<string, unknown>;
const shellFiles = import.meta.glob<{ default: Catalogue }>('./locales/*/shell.json', { eager: true });
const featureFiles = import.meta.glob<{ default: Catalogue }>(['./locales/*/*.json', '!./locales/*/shell.json']);

const inLocale = (locale: Locale) => (path: string) => path.startsWith(`./locales/${locale}/`);
const isPublicFile = (path: string) => PUBLIC_TEXT_FILES.includes(path.replace(/^.*\/|\.json$/g, ''));

function shellCatalogue(locale: Locale): Catalogue {
  return Object.assign(
    {},
    ...Object.entries(shellFiles)
      .filter(([path]) => inLocale(locale)(path))
      .map(([, module]) => module.default),
  );
}

type TextGroup = 'public' | 'other';

/** i18next takes texts once it is initialised (setupI18n); loads started before (route loaders) wait. */
let markInitialised: () => void = () => undefined;
const initialised = new Promise<void>((resolve) => {
  markInitialised = resolve;
});

const loading = new Map<string, Promise<void>>();

/** Adds one group of a language's feature catalogues to i18next, once; later calls wait for the same load. */
function loadGroup(locale: Locale, group: TextGroup): Promise<void> {
  const key = `${locale}:${group}`;
  let load = loading.get(key);
  if (!load) {
    const files = Object.entries(featureFiles).filter(
      ([path]) => inLocale(locale)(path) && isPublicFile(path) === (group === 'public'),
    );
    load = Promise.all([...files.map(([, importFile]) => importFile()), initialised]).then((modules) => {
      const texts = modules.flatMap((module) => (module ? [module.default] : []));
      i18n.addResourceBundle(locale, 'translation', Object.assign({}, ...texts), true, true);
    });
    // A failed download (offline, new release) may be tried again on the next switch.
    load.catch(() => loading.delete(key));
    loading.set(key, load);
  }
  return load;
}

/** The texts pages need beyond the shell: the public ones, or all; tracked per language for useCatalogue. */
export function loadTexts(scope: TextScope, locale: Locale = activeLocale()): Promise<void> {
  if (scope === 'all') widest = 'all';
  const load = Promise.all([loadGroup(locale, 'public'), ...(scope === 'all' ? [loadGroup(locale, 'other')] : [])]);
  const key = `${locale}:${scope}`;
  if (!states.has(key)) {
    states.set(key, 'loading');
    load.then(
      () => settle(key, 'ready'),
      () => settle(key, 'failed'),
    );
  }
  return load.then(() => undefined);
}

/** The widest scope asked for so far: a language switch loads that much of the new language. */
let widest: TextScope = 'public';

/**
 * Switches the language once its texts are there, so no page shows keys in between (when they cannot
 * be fetched, the page stays in its language). The choice is remembered at once: someone who follows a
 * link while the texts are still on their way keeps it.
 */
export async function switchLanguage(locale: Locale): Promise<void> {
  rememberLocale(locale);
  await loadTexts(widest, locale);
  await i18n.changeLanguage(locale);
}

/** Remembered in the browser only: a language choice is not personal data worth sending anywhere. */
const STORAGE_KEY = 'weerbaar.locale';

function rememberedLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return LOCALES.includes(stored as Locale) ? (stored as Locale) : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function rememberLocale(locale: string) {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be off (private mode); the choice then lasts for this visit only.
  }
}

function applyLocale(locale: string) {
  document.documentElement.lang = locale;
  rememberLocale(locale);
}

export function currentLocale(): Locale {
  return LOCALES.includes(i18n.language as Locale) ? (i18n.language as Locale) : DEFAULT_LOCALE;
}

/** The language texts are for: before setupI18n ran (a route loader at start), the remembered one. */
function activeLocale(): Locale {
  return i18n.isInitialized ? currentLocale() : rememberedLocale();
}

/** Whether a language's texts for a scope are there: `failed` when they could not be fetched. */
export type CatalogueState = 'loading' | 'ready' | 'failed';

const states = new Map<string, CatalogueState>();
const catalogueListeners = new Set<() => void>();

function settle(key: string, state: CatalogueState) {
  states.set(key, state);
  for (const listener of catalogueListeners) listener();
}

function subscribeCatalogue(listener: () => void) {
  catalogueListeners.add(listener);
  return () => catalogueListeners.delete(listener);
}

/** For the shell: pages render once the texts they need arrived (or could not be fetched). */
export function useCatalogue(scope: TextScope): CatalogueState {
  const locale = currentLocale();
  useEffect(() => {
    void loadTexts(scope, locale).catch(() => undefined);
  }, [scope, locale]);
  const state = () => states.get(`${locale}:${scope}`) ?? 'loading';
  return useSyncExternalStore(subscribeCatalogue, state, state);
}

/**
 * Ready at once with the shell's texts (they are in the first load), so the shell with 112 and the
 * support number renders without waiting; the page texts of the remembered language start loading.
 */
export function setupI18n(scope: TextScope) {
  i18n.on('languageChanged', applyLocale);
  initI18n(rememberedLocale());
  applyLocale(i18n.language);
  // Should the texts fail to arrive, pages still show (with their keys), and so does the shell.
  void loadTexts(scope).catch(() => undefined);
  return i18n;
}

/**
 * For the build-time render of the first screen (src/web/prerender.tsx): Dutch, with the public pages'
 * texts, and nothing of the browser (no storage, no document).
 */
export async function setupI18nForPrerender(): Promise<void> {
  initI18n(DEFAULT_LOCALE);
  await loadTexts('public', DEFAULT_LOCALE);
}

function initI18n(locale: Locale) {
  void i18n.use(initReactI18next).init({
    resources: { nl: { translation: shellCatalogue('nl') }, en: { translation: shellCatalogue('en') } },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    // Everything is in memory: finish now instead of on a later tick, so the first render has its texts.
    initAsync: false,
  });
  markInitialised();
}
