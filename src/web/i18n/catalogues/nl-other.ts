/** Every other feature's texts in this language, as one module; loaded when a page needs them (see nl-public.ts). */
export default import.meta.glob<Record<string, unknown>>(
  ['../locales/nl/*.json', '!../locales/nl/{shell,home,package-page,search,zelfscan,legal}.json'],
  { eager: true, import: 'default' },
);
