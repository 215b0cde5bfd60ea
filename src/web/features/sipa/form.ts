import type { TFunction } from 'i18next';
import type { SipaRequest } from '../../../shared/sipa.ts';

export interface SipaAnswers {
  capacity: string;
  representativeBody: string;
  topic: string;
  what: string;
  since: string;
  source: string;
  personName: string;
  personPosition: string;
  doneSoFar: string;
  question: string;
  urgent: boolean;
}

export const EMPTY_SIPA: SipaAnswers = {
  capacity: '',
  representativeBody: '',
  topic: '',
  what: '',
  since: '',
  source: '',
  personName: '',
  personPosition: '',
  doneSoFar: '',
  question: '',
  urgent: false,
};

/** The control each field's error links to, in the order of the form. */
export const SIPA_ANCHORS: Record<string, string> = {
  capacity: 'capacity-burgemeester',
  representativeBody: 'representativeBody-gemeenteraad',
  topic: 'topic-conflict_of_interest',
  what: 'what',
  since: 'signalSince-this_week',
  source: 'source-complaint',
  personName: 'personName',
  personPosition: 'personPosition',
  question: 'question',
};

export function validateSipa(answers: SipaAnswers, t: TFunction): Map<string, string> {
  const errors = new Map<string, string>();
  const need = (field: string, ok: boolean) => {
    if (!ok) errors.set(field, t(`sipa.request.errors.${field}`));
  };
  need('capacity', answers.capacity !== '');
  if (answers.capacity === 'representative_body') need('representativeBody', answers.representativeBody !== '');
  need('topic', answers.topic !== '');
  need('what', answers.what.trim() !== '');
  need('since', answers.since !== '');
  need('source', answers.source !== '');
  need('personName', answers.personName.trim() !== '');
  need('personPosition', answers.personPosition.trim() !== '');
  need('question', answers.question.trim() !== '');
  return errors;
}

export function toSipaRequest(answers: SipaAnswers): SipaRequest {
  return {
    capacity: answers.capacity as SipaRequest['capacity'],
    ...(answers.capacity === 'representative_body'
      ? { representativeBody: answers.representativeBody as NonNullable<SipaRequest['representativeBody']> }
      : {}),
    topic: answers.topic as SipaRequest['topic'],
    signal: {
      what: answers.what.trim(),
      since: answers.since as SipaRequest['signal']['since'],
      source: answers.source as SipaRequest['signal']['source'],
    },
    personConcerned: { name: answers.personName.trim(), position: answers.personPosition.trim() },
    answers: { doneSoFar: answers.doneSoFar.trim(), question: answers.question.trim() },
    urgent: answers.urgent,
  };
}

/** Server field paths (`signal.what`, `personConcerned.name`) as this form's field names. */
export function sipaFieldOf(path: string): string {
  const map: Record<string, string> = {
    'signal.what': 'what',
    'signal.since': 'since',
    'signal.source': 'source',
    'personConcerned.name': 'personName',
    'personConcerned.position': 'personPosition',
    'answers.question': 'question',
    'answers.doneSoFar': 'doneSoFar',
  };
  return map[path] ?? path.split('.')[0] ?? path;
}
