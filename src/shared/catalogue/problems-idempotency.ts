import type { Catalogue } from './types.ts';

/** Problem codes of Idempotency-Key handling (src/server/modules/idempotency): a retry is never run twice. */
export const IDEMPOTENCY_PROBLEMS = {
  invalid_idempotency_key: {
    nl: 'Dit verzoek kon niet worden verwerkt. Laad de pagina opnieuw en probeer het nog eens.',
    en: 'This request could not be processed. Reload the page and try again.',
  },
  idempotency_key_reused: {
    nl: 'Dit verzoek lijkt op een eerder verzoek, maar is anders. Laad de pagina opnieuw en probeer het nog eens.',
    en: 'This request looks like an earlier one, but differs. Reload the page and try again.',
  },
  idempotency_key_in_use: {
    nl: 'Uw vorige poging wordt nog verwerkt. Wacht even en kijk of het gelukt is voordat u het opnieuw probeert.',
    en: 'Your previous attempt is still being processed. Wait a moment and check whether it worked before you try again.',
  },
} as const satisfies Catalogue;
