import { z } from 'zod';
import { LOCALES } from './locale.ts';
import { OFFICES, officeSchema } from './people.ts';
import { DATE_PATTERN, TIME_PATTERN } from './training-time.ts';

/**
 * The training "Omgaan met intimidatie en bedreiging" (the contract between src/server/modules/training
 * and src/web/features/training). Training is not a case: an offering (what the training is, who it is
 * for), its sessions (day parts, place, seats, enrolment deadline) and the enrolments of office holders
 * (a seat, or a place on the waiting list; later whether they attended).
 *
 * Times come in as Dutch dates and clock times (src/shared/training-time.ts) and go out as instants
 * (ISO, UTC) with the Dutch date and times beside them.
 */

// ---------------------------------------------------------------------------------------------------
// Facts and limits
// ---------------------------------------------------------------------------------------------------

export { TRAINING_COORDINATOR_ROLE } from './training-role.ts';

export const TRAINING_TITLE_MAX = 160;
export const TRAINING_DESCRIPTION_MAX = 4000;
export const TRAINING_PLACE_MAX = 160;
export const TRAINING_CAPACITY_MAX = 500;
export const TRAINING_PARTS_MAX = 6;

/**
 * What the issuing institute publishes about the training (domain notes §4): the form for a new offering
 * starts from this, and the demo uses it. The coordinator may change every field.
 */
export const DJI_TRAINING_DEFAULTS = {
  titleNl: 'Omgaan met intimidatie en bedreiging',
  titleEn: 'Dealing with intimidation and threats',
  provider: 'Opleidingsinstituut DJI',
  durationDays: 1.5,
  audience: ['burgemeester', 'wethouder', 'raadslid', 'statenlid'],
  descriptionNl:
    'Een ervaringsgerichte training met een trainer en een acteur die de agressor speelt. U leert wat er ' +
    'achter een bedreiging zit (boosheid of bewuste druk), wat dreiging met lichaam en hoofd doet, eerst ' +
    'rustig worden, de-escaleren met woorden en houding, en duidelijk een grens trekken. Het is geen ' +
    'vechtsport- of zelfverdedigingstraining.',
  descriptionEn:
    'An experiential training with a trainer and an actor who plays the aggressor. You learn what lies ' +
    'behind a threat (anger or deliberate pressure), what a threat does to body and mind, calming down ' +
    'first, de-escalating with words and posture, and drawing a clear line. It is not a fighting or ' +
    'self-defence course.',
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Free text of a coordinator: trimmed, bounded, no control characters, never a spreadsheet formula. */
const text = (max: number, multiline = false) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !CONTROL.test(value) && (multiline || !/[\r\n]/.test(value)), {
      message: 'Contains characters that are not allowed.',
    })
    .refine((value) => !/^[=+\-@]/.test(value), { message: 'Cannot start with =, +, - or @.' });

export const dutchDateSchema = z.string().regex(DATE_PATTERN, 'A date as YYYY-MM-DD.');
export const dutchTimeSchema = z.string().regex(TIME_PATTERN, 'A time as HH:MM.');

// ---------------------------------------------------------------------------------------------------
// Offerings
// ---------------------------------------------------------------------------------------------------

export const offeringBodySchema = z.strictObject({
  titleNl: text(TRAINING_TITLE_MAX),
  titleEn: text(TRAINING_TITLE_MAX),
  provider: text(TRAINING_TITLE_MAX),
  /** In days, by half days (the DJI training: 1.5). */
  durationDays: z.number().min(0.5).max(10).multipleOf(0.5),
  /** The offices that may enrol. */
  audience: z
    .array(officeSchema)
    .min(1)
    .max(OFFICES.length)
    .refine((offices) => new Set(offices).size === offices.length, { message: 'Each office once.' }),
  descriptionNl: text(TRAINING_DESCRIPTION_MAX, true),
  descriptionEn: text(TRAINING_DESCRIPTION_MAX, true),
});
export type OfferingBody = z.infer<typeof offeringBodySchema>;

export const offeringSchema = offeringBodySchema.extend({
  id: z.uuid(),
  titleNl: z.string(),
  titleEn: z.string(),
  provider: z.string(),
  descriptionNl: z.string(),
  descriptionEn: z.string(),
  updatedAt: z.iso.datetime(),
});
export type Offering = z.infer<typeof offeringSchema>;

export const offeringResponseSchema = z.object({ offering: offeringSchema });
export const offeringsResponseSchema = z.object({ offerings: z.array(offeringSchema) });
export const offeringIdParamsSchema = z.strictObject({ offeringId: z.uuid() });

// ---------------------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------------------

/** One day part, in Dutch time. */
export const dayPartBodySchema = z.strictObject({
  date: dutchDateSchema,
  start: dutchTimeSchema,
  end: dutchTimeSchema,
});
export type DayPartBody = z.infer<typeof dayPartBodySchema>;

const sessionFields = {
  parts: z.array(dayPartBodySchema).min(1).max(TRAINING_PARTS_MAX),
  city: text(TRAINING_PLACE_MAX),
  venue: text(TRAINING_PLACE_MAX),
  capacity: z.number().int().min(1).max(TRAINING_CAPACITY_MAX),
  /** Enrolling and cancelling a seat are possible until this Dutch date and time. */
  enrolmentDeadline: z.strictObject({ date: dutchDateSchema, time: dutchTimeSchema }),
};

export const createSessionBodySchema = z.strictObject({ offeringId: z.uuid(), ...sessionFields });
export type CreateSessionBody = z.infer<typeof createSessionBodySchema>;
/** Changing a session replaces its times, place, seats and deadline (the offering stays). */
export const updateSessionBodySchema = z.strictObject(sessionFields);
export type UpdateSessionBody = z.infer<typeof updateSessionBodySchema>;

export const sessionIdParamsSchema = z.strictObject({ sessionId: z.uuid() });

export const SESSION_STATUSES = ['open', 'full', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const dayPartSchema = z.object({
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** The same, in Dutch time. */
  date: z.string(),
  start: z.string(),
  end: z.string(),
});
export type DayPart = z.infer<typeof dayPartSchema>;

/** A session as office holders see it: what, when, where, whether there is a seat. */
export const openSessionSchema = z.object({
  id: z.uuid(),
  offering: z.object({
    id: z.uuid(),
    titleNl: z.string(),
    titleEn: z.string(),
    provider: z.string(),
    durationDays: z.number(),
    descriptionNl: z.string(),
    descriptionEn: z.string(),
    audience: z.array(officeSchema),
  }),
  parts: z.array(dayPartSchema),
  city: z.string(),
  venue: z.string(),
  capacity: z.number().int(),
  seatsLeft: z.number().int(),
  waiting: z.number().int(),
  status: z.enum(SESSION_STATUSES),
  enrolmentDeadline: z.iso.datetime(),
  enrolmentOpen: z.boolean(),
  /** Whether the caller's office is in the offering's audience. */
  eligible: z.boolean(),
});
export type OpenSession = z.infer<typeof openSessionSchema>;
export const openSessionsResponseSchema = z.object({ sessions: z.array(openSessionSchema) });

/** A session as coordinators see it: the same, with the counts and the deadline in Dutch time. */
export const coordinatorSessionSchema = openSessionSchema.omit({ eligible: true, enrolmentOpen: true }).extend({
  enrolmentOpen: z.boolean(),
  deadline: z.object({ date: z.string(), time: z.string() }),
  counts: z.object({
    confirmed: z.number().int(),
    waiting: z.number().int(),
    cancelled: z.number().int(),
    attended: z.number().int(),
  }),
  started: z.boolean(),
  ended: z.boolean(),
  cancelledAt: z.iso.datetime().nullable(),
});
export type CoordinatorSession = z.infer<typeof coordinatorSessionSchema>;
export const coordinatorSessionResponseSchema = z.object({ session: coordinatorSessionSchema });
export const coordinatorSessionsResponseSchema = z.object({ sessions: z.array(coordinatorSessionSchema) });

// ---------------------------------------------------------------------------------------------------
// Enrolments
// ---------------------------------------------------------------------------------------------------

export const ENROLMENT_STATUSES = ['confirmed', 'waiting', 'cancelled', 'session_cancelled'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** My own enrolment, with the session it is for. */
export const myEnrolmentSchema = z.object({
  id: z.uuid(),
  status: z.enum(ENROLMENT_STATUSES),
  /** 1 = next in line; null unless waiting. */
  waitlistPosition: z.number().int().nullable(),
  attended: z.boolean().nullable(),
  enrolledAt: z.iso.datetime(),
  session: openSessionSchema.omit({ eligible: true }),
  /** What I may do now. */
  canCancel: z.boolean(),
  hasCalendar: z.boolean(),
  hasCertificate: z.boolean(),
});
export type MyEnrolment = z.infer<typeof myEnrolmentSchema>;
export const myEnrolmentResponseSchema = z.object({ enrolment: myEnrolmentSchema });
export const myEnrolmentsResponseSchema = z.object({ enrolments: z.array(myEnrolmentSchema) });
export const enrolmentIdParamsSchema = z.strictObject({ enrolmentId: z.uuid() });
export const certificateQuerySchema = z.strictObject({ lang: z.enum(LOCALES).default('nl') });

/** One participant as the coordinator sees them: name, office, municipality; nothing else. */
export const participantSchema = z.object({
  enrolmentId: z.uuid(),
  name: z.string().nullable(),
  office: officeSchema.nullable(),
  region: z.string().nullable(),
  status: z.enum(ENROLMENT_STATUSES),
  waitlistPosition: z.number().int().nullable(),
  attended: z.boolean().nullable(),
});
export type Participant = z.infer<typeof participantSchema>;
export const participantsResponseSchema = z.object({
  confirmed: z.array(participantSchema),
  waiting: z.array(participantSchema),
});

export const attendanceBodySchema = z.strictObject({
  attendance: z
    .array(z.strictObject({ enrolmentId: z.uuid(), attended: z.boolean() }))
    .min(1)
    .max(TRAINING_CAPACITY_MAX)
    .refine((rows) => new Set(rows.map((row) => row.enrolmentId)).size === rows.length, {
      message: 'Each participant once.',
    }),
});
export type AttendanceBody = z.infer<typeof attendanceBodySchema>;

// ---------------------------------------------------------------------------------------------------
// Notifications and the access log
// ---------------------------------------------------------------------------------------------------

/** Notifications about a person's enrolment name it with this subject type and the enrolment's id. */
export const TRAINING_SUBJECT = 'training_enrolment';

/** What the training module notifies about (the web app translates `notifications.kinds.<kind>`). */
export const TRAINING_NOTIFICATION_KINDS = ['training_promoted', 'training_changed', 'training_cancelled'] as const;
export type TrainingNotificationKind = (typeof TRAINING_NOTIFICATION_KINDS)[number];

/**
 * The audit actions of this module, with the sentence a person reads under "Wie heeft mijn gegevens
 * ingezien?" when the entry is about them (someone else, or the system, acted on their enrolment).
 */
export const TRAINING_AUDIT_ACTIONS = {
  'training.participants_viewed': {
    nl: 'bekeek de deelnemerslijst van een training waarvoor u bent ingeschreven',
    en: 'viewed the list of participants of a training you are enrolled in',
  },
  'training.participants_exported': {
    nl: 'downloadde de deelnemerslijst van een training waarvoor u bent ingeschreven',
    en: 'downloaded the list of participants of a training you are enrolled in',
  },
  'training.attendance_recorded': {
    nl: 'legde vast of u bij een training aanwezig was',
    en: 'recorded whether you attended a training',
  },
  'training.session_cancelled': {
    nl: 'gelastte een training af waarvoor u was ingeschreven',
    en: 'cancelled a training you were enrolled in',
  },
  'training.promoted': {
    nl: 'gaf u een plaats in een training, omdat iemand anders zich afmeldde',
    en: 'gave you a seat in a training, because someone else cancelled',
  },
} as const satisfies Record<string, { nl: string; en: string }>;
export type TrainingAuditAction = keyof typeof TRAINING_AUDIT_ACTIONS;
