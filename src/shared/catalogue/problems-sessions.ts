import type { Catalogue } from './types.ts';

/** Problem codes of the sessions module (the session cookie, the CSRF check, step-up). */
export const SESSIONS_PROBLEMS = {
  csrf_rejected: {
    nl: 'Deze actie kon niet worden uitgevoerd. Laad de pagina opnieuw en probeer het nog eens.',
    en: 'This could not be done. Reload the page and try again.',
  },
  step_up_required: { nl: 'Bevestig eerst dat u het bent.', en: 'First confirm that it is you.' },
} as const satisfies Catalogue;
