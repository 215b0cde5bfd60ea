/**
 * A text for people, in Dutch and English (B1: short sentences, plain words). The two differ; the rare
 * text that is deliberately the same in both languages says so with `sameInBoth`.
 */
export interface CatalogueText {
  readonly nl: string;
  readonly en: string;
  readonly sameInBoth?: true;
}

/** One module's catalogue: its keys (audit actions or problem codes) with their texts. */
export type Catalogue = Readonly<Record<string, CatalogueText>>;
