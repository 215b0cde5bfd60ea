/**
 * The public pages' texts in this language, as one module (one entry in the first load's loader map,
 * not one per file). The file list is PUBLIC_TEXT_FILES (text-groups.ts); a glob must be literal, so it is
 * written out here, and catalogue-groups.test.ts checks the two agree.
 */
export default import.meta.glob<Record<string, unknown>>(
  '../locales/en/{home,package-page,search,zelfscan,legal}.json',
  {
    eager: true,
    import: 'default',
  },
);
