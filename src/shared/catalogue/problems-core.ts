import type { Catalogue } from './types.ts';

/**
 * Problem codes of the foundations: the errors plugin (what Fastify and zod raise), the generic
 * helpers of lib/errors.ts and the platform routes. Each text is for the person who sees the error.
 */
export const CORE_PROBLEMS = {
  not_found: { nl: 'Dit is niet (meer) te vinden.', en: 'This cannot be found (any more).' },
  unauthenticated: {
    nl: 'U bent niet (meer) ingelogd. Log opnieuw in.',
    en: 'You are not signed in (any more). Please sign in again.',
  },
  forbidden: { nl: 'U mag dit niet doen.', en: 'You may not do this.' },
  validation_failed: {
    nl: 'Niet alles is goed ingevuld. Controleer de gegevens en probeer het opnieuw.',
    en: 'Not everything is filled in correctly. Check the details and try again.',
  },
  bad_request: {
    nl: 'Dit verzoek kon niet worden verwerkt. Laad de pagina opnieuw en probeer het nog eens.',
    en: 'This request could not be processed. Reload the page and try again.',
  },
  invalid_json: {
    nl: 'Wat er werd verstuurd, kon niet worden gelezen. Laad de pagina opnieuw en probeer het nog eens.',
    en: 'What was sent could not be read. Reload the page and try again.',
  },
  invalid_content_length: {
    nl: 'Wat er werd verstuurd, kwam niet helemaal aan. Probeer het opnieuw.',
    en: 'What was sent did not arrive completely. Please try again.',
  },
  invalid_content_type: {
    nl: 'Wat er werd verstuurd, kon niet worden gelezen. Laad de pagina opnieuw en probeer het nog eens.',
    en: 'What was sent could not be read. Reload the page and try again.',
  },
  body_too_large: {
    nl: 'Wat u wilt versturen, is te groot. Maak het kleiner en probeer het opnieuw.',
    en: 'What you want to send is too large. Make it smaller and try again.',
  },
  unsupported_media_type: {
    nl: 'Dit soort bestand of gegevens kan hier niet. Kies een ander bestand.',
    en: 'This kind of file or data is not possible here. Choose another file.',
  },
  rate_limited: {
    nl: 'Er kwamen veel verzoeken tegelijk. Wacht even en probeer het opnieuw.',
    en: 'There were many requests at once. Wait a moment and try again.',
  },
  internal_error: {
    nl: 'Er ging iets mis aan onze kant. Probeer het later opnieuw. Hebt u nu hulp nodig? Bel het Ondersteuningsteam.',
    en: 'Something went wrong on our side. Please try again later. Do you need help now? Call the Support Team.',
  },
  service_unavailable: {
    nl: 'Weerbaar kan even niet bij zijn gegevens. Probeer het over een paar minuten opnieuw.',
    en: 'Weerbaar cannot reach its data for a moment. Try again in a few minutes.',
  },
  body_not_accepted: {
    nl: 'Dit verzoek kon niet worden verwerkt. Laad de pagina opnieuw en probeer het nog eens.',
    en: 'This request could not be processed. Reload the page and try again.',
  },
  not_ready: {
    nl: 'Weerbaar is even niet bereikbaar. Probeer het over een paar minuten opnieuw.',
    en: 'Weerbaar cannot be reached for a moment. Try again in a few minutes.',
  },
} as const satisfies Catalogue;
