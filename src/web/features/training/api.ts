import { useQuery } from '@tanstack/react-query';
import type {
  AttendanceBody,
  CoordinatorSession,
  CreateSessionBody,
  MyEnrolment,
  Offering,
  OfferingBody,
  OpenSession,
  Participant,
  UpdateSessionBody,
} from '../../../shared/training.ts';
import { apiGet, apiPost, apiPut } from '../../api/client.ts';

/** The training API (src/shared/training.ts) for the web pages, through the app's one client. */

export const TRAINING_QUERY_KEY = ['training'] as const;
const COORDINATION = '/api/training/coordination';

export interface ParticipantLists {
  confirmed: Participant[];
  waiting: Participant[];
}

export const trainingApi = {
  openSessions: (signal?: AbortSignal) =>
    apiGet<{ sessions: OpenSession[] }>('/api/training/sessions', signal).then((r) => r.sessions),
  myEnrolments: (signal?: AbortSignal) =>
    apiGet<{ enrolments: MyEnrolment[] }>('/api/me/training/enrolments', signal).then((r) => r.enrolments),
  enrol: (sessionId: string) =>
    apiPost<{ enrolment: MyEnrolment }>(`/api/training/sessions/${encodeURIComponent(sessionId)}/enrolments`).then(
      (r) => r.enrolment,
    ),
  cancel: (enrolmentId: string) =>
    apiPost<{ enrolment: MyEnrolment }>(`/api/me/training/enrolments/${encodeURIComponent(enrolmentId)}/cancel`).then(
      (r) => r.enrolment,
    ),
  offerings: (signal?: AbortSignal) =>
    apiGet<{ offerings: Offering[] }>(`${COORDINATION}/offerings`, signal).then((r) => r.offerings),
  createOffering: (body: OfferingBody) =>
    apiPost<{ offering: Offering }>(`${COORDINATION}/offerings`, body).then((r) => r.offering),
  updateOffering: (id: string, body: OfferingBody) =>
    apiPut<{ offering: Offering }>(`${COORDINATION}/offerings/${encodeURIComponent(id)}`, body).then((r) => r.offering),
  sessions: (signal?: AbortSignal) =>
    apiGet<{ sessions: CoordinatorSession[] }>(`${COORDINATION}/sessions`, signal).then((r) => r.sessions),
  session: (id: string, signal?: AbortSignal) =>
    apiGet<{ session: CoordinatorSession }>(`${COORDINATION}/sessions/${encodeURIComponent(id)}`, signal).then(
      (r) => r.session,
    ),
  createSession: (body: CreateSessionBody) =>
    apiPost<{ session: CoordinatorSession }>(`${COORDINATION}/sessions`, body).then((r) => r.session),
  updateSession: (id: string, body: UpdateSessionBody) =>
    apiPut<{ session: CoordinatorSession }>(`${COORDINATION}/sessions/${encodeURIComponent(id)}`, body).then(
      (r) => r.session,
    ),
  cancelSession: (id: string) =>
    apiPost<{ session: CoordinatorSession }>(`${COORDINATION}/sessions/${encodeURIComponent(id)}/cancel`).then(
      (r) => r.session,
    ),
  participants: (id: string, signal?: AbortSignal) =>
    apiGet<ParticipantLists>(`${COORDINATION}/sessions/${encodeURIComponent(id)}/participants`, signal),
  recordAttendance: (id: string, body: AttendanceBody) =>
    apiPut<ParticipantLists>(`${COORDINATION}/sessions/${encodeURIComponent(id)}/attendance`, body),
};

/** Plain links for the downloads: the browser sends the session cookie and saves the file. */
export const trainingFiles = {
  calendar: (enrolmentId: string) => `/api/me/training/enrolments/${encodeURIComponent(enrolmentId)}/calendar.ics`,
  certificate: (enrolmentId: string, lang: string) =>
    `/api/me/training/enrolments/${encodeURIComponent(enrolmentId)}/certificate.pdf?lang=${lang === 'en' ? 'en' : 'nl'}`,
  participantsCsv: (sessionId: string) => `${COORDINATION}/sessions/${encodeURIComponent(sessionId)}/participants.csv`,
};

export function useOfferings() {
  return useQuery({
    queryKey: [...TRAINING_QUERY_KEY, 'offerings'],
    queryFn: ({ signal }) => trainingApi.offerings(signal),
  });
}
