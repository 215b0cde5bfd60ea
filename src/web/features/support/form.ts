import type { TFunction } from 'i18next';
import { isPhoneNumber } from '../../../shared/phone.ts';
import type { SupportRequest } from '../../../shared/support.ts';
import type { FieldProblem } from '../../ui/index.ts';

/** The answers while someone fills in the form; nothing is kept in the browser's storage. */
export interface SupportAnswers {
  concernFor: 'self' | 'colleague';
  acuteDanger: '' | 'yes' | 'no';
  situation: string[];
  since: string;
  affected: string[];
  personName: string;
  personOffice: string;
  personRegion: string;
  channel: '' | 'phone' | 'in_app';
  phone: string;
  when: string;
  body: string;
  /** The saved zelfscan result the person chose to share, if any (an explicit choice, off by default). */
  zelfscanResultId: string;
}

export const EMPTY_ANSWERS: SupportAnswers = {
  concernFor: 'self',
  acuteDanger: '',
  situation: [],
  since: '',
  affected: [],
  personName: '',
  personOffice: '',
  personRegion: '',
  channel: '',
  phone: '',
  when: '',
  body: '',
  zelfscanResultId: '',
};

export const STEPS = ['situation', 'affected', 'contact', 'more'] as const;
export type Step = (typeof STEPS)[number];

/** The id of each field's control (for the error summary); groups of choices point at their first option. */
export const FIELD_ANCHORS: Record<string, string> = {
  acuteDanger: 'acuteDanger-yes',
  situation: 'situation-intimidation',
  since: 'since-today',
  affected: 'affected-me',
  personConcerned: 'personName',
  'personConcerned.name': 'personName',
  channel: 'channel-phone',
  'contact.channel': 'channel-phone',
  phone: 'phone',
  'contact.phone': 'phone',
  when: 'when-any_time',
  'contact.when': 'when-any_time',
  body: 'body',
  zelfscanResultId: 'share-zelfscan',
};

/** The problems on one step, keyed by field, in the order the fields appear. */
export function validateStep(step: Step, answers: SupportAnswers, t: TFunction): Map<string, string> {
  const errors = new Map<string, string>();
  const need = (field: string, ok: boolean) => {
    if (!ok) errors.set(field, t(`support.request.errors.${field}`));
  };
  if (step === 'situation') {
    need('acuteDanger', answers.acuteDanger !== '');
    need('situation', answers.situation.length > 0);
    need('since', answers.since !== '');
  }
  if (step === 'affected') {
    need('affected', answers.affected.length > 0);
    if (answers.concernFor === 'colleague') need('personName', answers.personName.trim().length > 0);
  }
  if (step === 'contact') {
    need('channel', answers.channel !== '');
    if (answers.channel === 'phone') {
      if (answers.phone.trim() === '') need('phone', false);
      else if (!isPhoneNumber(answers.phone)) errors.set('phone', t('support.request.errors.phoneFormat'));
    }
    need('when', answers.when !== '');
  }
  return errors;
}

export function toFieldProblems(errors: Map<string, string>): FieldProblem[] {
  return [...errors].map(([field, message]) => ({ fieldId: FIELD_ANCHORS[field] ?? field, message }));
}

/** Which step holds a field the server refused, to send the person back there. */
export function stepOfField(field: string): Step {
  if (field.startsWith('contact') || field === 'phone' || field === 'channel' || field === 'when') return 'contact';
  if (field.startsWith('personConcerned') || field === 'affected') return 'affected';
  if (field === 'body' || field === 'zelfscanResultId') return 'more';
  return 'situation';
}

export function toRequest(answers: SupportAnswers): SupportRequest {
  const body = answers.body.trim();
  return {
    concernFor: answers.concernFor,
    situation: answers.situation as SupportRequest['situation'],
    since: answers.since as SupportRequest['since'],
    acuteDanger: answers.acuteDanger === 'yes',
    affected: answers.affected as SupportRequest['affected'],
    contact: {
      channel: answers.channel as SupportRequest['contact']['channel'],
      ...(answers.channel === 'phone' ? { phone: answers.phone.trim() } : {}),
      when: answers.when as SupportRequest['contact']['when'],
    },
    ...(body ? { body } : {}),
    ...(answers.zelfscanResultId ? { zelfscanResultId: answers.zelfscanResultId } : {}),
    ...(answers.concernFor === 'colleague'
      ? {
          personConcerned: {
            name: answers.personName.trim(),
            ...(answers.personOffice ? { office: answers.personOffice as never } : {}),
            ...(answers.personRegion.trim() ? { region: answers.personRegion.trim() } : {}),
          },
        }
      : {}),
  };
}
