import type { TFunction } from 'i18next';
import { isPhoneNumber } from '../../../shared/phone.ts';
import type { SipaDetails, SipaRequest } from '../../../shared/sipa.ts';

/** The request: who asks, about what, and how to reach them. Nothing confidential (SIPA's own rule). */
export interface SipaAnswers {
  capacity: string;
  representativeBody: string;
  organisation: string;
  topic: string;
  phone: string;
  callTimes: string[];
  urgent: boolean;
}

export const EMPTY_SIPA: SipaAnswers = {
  capacity: '',
  representativeBody: '',
  organisation: '',
  topic: '',
  phone: '',
  callTimes: [],
  urgent: false,
};

/** The control each field's error links to, in the order of the form. */
export const SIPA_ANCHORS: Record<string, string> = {
  capacity: 'capacity-burgemeester',
  representativeBody: 'representativeBody-gemeenteraad',
  organisation: 'organisation',
  topic: 'topic-conflict_of_interest',
  phone: 'phone',
  callTimes: 'callTimes-morning',
};

export function validateSipa(answers: SipaAnswers, t: TFunction): Map<string, string> {
  const errors = new Map<string, string>();
  const need = (field: string, ok: boolean) => {
    if (!ok) errors.set(field, t(`sipa.request.errors.${field}`));
  };
  need('capacity', answers.capacity !== '');
  if (answers.capacity === 'representative_body') need('representativeBody', answers.representativeBody !== '');
  need('organisation', answers.organisation.trim() !== '');
  need('topic', answers.topic !== '');
  need('phone', isPhoneNumber(answers.phone));
  need('callTimes', answers.callTimes.length > 0);
  return errors;
}

export function toSipaRequest(answers: SipaAnswers): SipaRequest {
  return {
    capacity: answers.capacity as SipaRequest['capacity'],
    ...(answers.capacity === 'representative_body'
      ? { representativeBody: answers.representativeBody as NonNullable<SipaRequest['representativeBody']> }
      : {}),
    organisation: answers.organisation.trim(),
    topic: answers.topic as SipaRequest['topic'],
    phone: answers.phone.trim(),
    callTimes: answers.callTimes as SipaRequest['callTimes'],
    urgent: answers.urgent,
  };
}

/** Server field paths (`callTimes.0`) as this form's field names. */
export function sipaFieldOf(path: string): string {
  return path.split('.')[0] ?? path;
}

/** The details, after the phone intake: the signal, the person concerned and the question. */
export interface SipaDetailAnswers {
  what: string;
  since: string;
  source: string;
  personName: string;
  personPosition: string;
  doneSoFar: string;
  question: string;
}

export const EMPTY_SIPA_DETAILS: SipaDetailAnswers = {
  what: '',
  since: '',
  source: '',
  personName: '',
  personPosition: '',
  doneSoFar: '',
  question: '',
};

export const SIPA_DETAIL_ANCHORS: Record<string, string> = {
  // The server's refusal before the phone intake is about the form as a whole: its first field.
  signal: 'what',
  what: 'what',
  since: 'signalSince-this_week',
  source: 'source-complaint',
  personName: 'personName',
  personPosition: 'personPosition',
  question: 'question',
};

export function validateSipaDetails(answers: SipaDetailAnswers, t: TFunction): Map<string, string> {
  const errors = new Map<string, string>();
  const need = (field: string, ok: boolean) => {
    if (!ok) errors.set(field, t(`sipa.details.errors.${field}`));
  };
  need('what', answers.what.trim() !== '');
  need('since', answers.since !== '');
  need('source', answers.source !== '');
  need('personName', answers.personName.trim() !== '');
  need('personPosition', answers.personPosition.trim() !== '');
  need('question', answers.question.trim() !== '');
  return errors;
}

export function toSipaDetails(answers: SipaDetailAnswers): SipaDetails {
  return {
    signal: {
      what: answers.what.trim(),
      since: answers.since as SipaDetails['signal']['since'],
      source: answers.source as SipaDetails['signal']['source'],
    },
    personConcerned: { name: answers.personName.trim(), position: answers.personPosition.trim() },
    answers: { doneSoFar: answers.doneSoFar.trim(), question: answers.question.trim() },
  };
}

/** Server field paths (`signal.what`, `personConcerned.name`) as the details form's field names. */
export function sipaDetailFieldOf(path: string): string {
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
