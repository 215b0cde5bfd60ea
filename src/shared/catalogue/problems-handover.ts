import type { Catalogue } from './types.ts';

/** Problem codes of the handover module (registering appointments, the printed package and its code). */
export const HANDOVER_PROBLEMS = {
  activation_code_invalid: {
    nl: 'Deze code werkt niet (meer). Controleer de code, of vraag om een nieuw pakket.',
    en: 'This code does not work (any more). Check the code, or ask for a new package.',
  },
  region_unknown: {
    nl: 'Deze naam staat niet in de lijst voor deze functie.',
    en: 'This name is not in the list for this office.',
  },
  region_ambiguous: {
    nl: 'Er zijn meer plaatsen met deze naam. Schrijf hem zoals in de lijst, bijvoorbeeld Bergen (NH.).',
    en: 'More places have this name. Write it as in the list, for example Bergen (NH.).',
  },
  date_in_future: {
    nl: 'Deze datum ligt in de toekomst. U kunt een overdracht pas vastleggen als die is gebeurd.',
    en: 'This date is in the future. You can record a handover only after it happened.',
  },
  not_handed_over: {
    nl: 'Voor dit pakket is geen overdracht vastgelegd.',
    en: 'No handover is recorded for this package.',
  },
} as const satisfies Catalogue;
