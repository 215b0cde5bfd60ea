import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { FieldError } from '../../../shared/problem.ts';
import { type HomeAddress, MAX_SLOTS, type slotInputSchema } from '../../../shared/woningscan.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { CaseWork } from '../cases/facade.ts';
import { appointmentIcs } from './ics.ts';
import {
  insertSlots,
  pickOpenSlot,
  updateWoningscanCase,
  type WoningscanData,
  withdrawOpenSlots,
} from './repository.ts';
import type { WoningscanDeps } from './request-service.ts';
import { addressAad } from './type.ts';

/**
 * The appointment: the adviser proposes times, the requester picks one (a booking with a stable UID);
 * either side may move (the adviser directly, the requester by asking), or cancel. Every change raises
 * the booking's SEQUENCE, so a calendar that imported the invitation updates it, and the other side
 * gets a notice without content.
 */

type SlotInput = z.infer<typeof slotInputSchema>;

const MAX_SLOT_HOURS = 8;
const MAX_DAYS_AHEAD = 366;
const HOUR_MS = 60 * 60 * 1000;

/** A time in the future, ending after it starts, at most a working day long and within a year. */
function slotErrors(slot: SlotInput, at: string, now: Date): FieldError[] {
  const startsAt = new Date(slot.startsAt);
  const endsAt = new Date(slot.endsAt);
  const errors: FieldError[] = [];
  if (startsAt.getTime() <= now.getTime()) {
    errors.push({ field: `${at}/startsAt`, code: 'woningscan_date_in_past', message: 'Must be in the future.' });
  } else if (startsAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * 24 * HOUR_MS) {
    errors.push({ field: `${at}/startsAt`, code: 'too_big', message: 'At most a year ahead.' });
  }
  if (endsAt.getTime() <= startsAt.getTime()) {
    errors.push({ field: `${at}/endsAt`, code: 'woningscan_end_before_start', message: 'Must be after the start.' });
  } else if (endsAt.getTime() - startsAt.getTime() > MAX_SLOT_HOURS * HOUR_MS) {
    errors.push({ field: `${at}/endsAt`, code: 'too_big', message: `At most ${MAX_SLOT_HOURS} hours.` });
  }
  return errors;
}

function refuse(errors: FieldError[]): never {
  const code =
    errors[0]?.code === 'woningscan_end_before_start' ? 'woningscan_end_before_start' : 'woningscan_date_in_past';
  throw badRequest(code, 'Check the times.', errors);
}

const noAppointment = () => conflict('woningscan_no_appointment', 'There is no appointment.');

/** The other side hears that something changed about the appointment (in the app; the mail says only "news"). */
async function tellTheOtherSide(c: CaseWork<WoningscanData>, kind: 'appointment_proposed' | 'appointment_changed') {
  await c.notify(c.otherSide(), kind);
}

export function proposeSlots(deps: WoningscanDeps, ctx: ServiceContext, caseId: string, slots: readonly SlotInput[]) {
  return deps.cases.withCase(ctx, caseId, 'propose_slots', async (c) => {
    const errors = slots.flatMap((slot, index) => slotErrors(slot, `body/slots/${index}`, c.now));
    if (errors.length > 0) refuse(errors);
    const times = slots
      .map((slot) => ({ startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt) }))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 1; i < times.length; i++) {
      const previous = times[i - 1];
      const current = times[i];
      if (previous && current && current.startsAt.getTime() < previous.endsAt.getTime()) {
        throw badRequest('woningscan_slots_overlap', 'Two proposed times overlap.', [
          { field: 'body/slots', code: 'woningscan_slots_overlap', message: 'Times may not overlap.' },
        ]);
      }
    }
    if (times.length > MAX_SLOTS) refuse([]);
    await withdrawOpenSlots(c.tx, caseId);
    await insertSlots(c.tx, caseId, times, c.now);
    await c.recordFirstResponse();
    await c.transition({
      to: 'slots_proposed',
      via: 'propose',
      event: { kind: 'slots_proposed', visibility: 'requester', details: { count: times.length } },
    });
    await c.audit('woningscan.slots_proposed', { count: times.length });
    await tellTheOtherSide(c, 'appointment_proposed');
    return c.result();
  });
}

/** The requester picks a proposed time: the booking (a new one, or the same one moved). */
export function pickSlot(deps: WoningscanDeps, ctx: ServiceContext, caseId: string, slotId: string) {
  return deps.cases.withCase(ctx, caseId, 'pick_slot', async (c) => {
    // A time this case never had is as missing as a case one may not see; one that was taken or withdrawn is a conflict.
    if (!c.data.slots.some((known) => known.id === slotId)) throw notFound();
    const slot = await pickOpenSlot(c.tx, caseId, slotId);
    if (!slot) throw conflict('woningscan_slot_not_open', 'This time is no longer open.');
    if (slot.startsAt.getTime() <= c.now.getTime()) {
      throw conflict('woningscan_slot_not_open', 'This time has passed.');
    }
    await withdrawOpenSlots(c.tx, caseId);
    const { row } = c.data;
    const moving = row.appointmentState === 'booked' && row.appointmentUid !== null;
    await updateWoningscanCase(c.tx, caseId, {
      appointmentUid: moving ? row.appointmentUid : randomUUID(),
      appointmentSequence: moving ? row.appointmentSequence + 1 : 0,
      appointmentState: 'booked',
      appointmentStartsAt: slot.startsAt,
      appointmentEndsAt: slot.endsAt,
      rescheduleRequestedAt: null,
    });
    await c.transition({
      to: 'scheduled',
      via: 'pick',
      event: { kind: 'appointment_booked', visibility: 'requester' },
    });
    await c.audit('woningscan.slot_picked');
    await tellTheOtherSide(c, 'appointment_changed');
    return c.result();
  });
}

/** None of the proposed times suits the requester: back to the adviser (a booking, if any, stands). */
export function declineSlots(deps: WoningscanDeps, ctx: ServiceContext, caseId: string) {
  return deps.cases.withCase(ctx, caseId, 'decline_slots', async (c) => {
    await withdrawOpenSlots(c.tx, caseId);
    const booked = c.data.row.appointmentState === 'booked';
    await c.transition({
      to: booked ? 'scheduled' : 'accepted',
      via: 'decline',
      event: { kind: 'slots_declined', visibility: 'requester' },
    });
    await c.audit('woningscan.slots_declined');
    await tellTheOtherSide(c, 'appointment_changed');
    return c.result();
  });
}

/** The adviser moves the appointment (agreed with the requester): same booking, next SEQUENCE. */
export function moveAppointment(deps: WoningscanDeps, ctx: ServiceContext, caseId: string, slot: SlotInput) {
  return deps.cases.withCase(ctx, caseId, 'move_appointment', async (c) => {
    const errors = slotErrors(slot, 'body', c.now);
    if (errors.length > 0) refuse(errors);
    const { row } = c.data;
    if (row.appointmentState !== 'booked') throw noAppointment();
    await withdrawOpenSlots(c.tx, caseId);
    await updateWoningscanCase(c.tx, caseId, {
      appointmentSequence: row.appointmentSequence + 1,
      appointmentStartsAt: new Date(slot.startsAt),
      appointmentEndsAt: new Date(slot.endsAt),
      rescheduleRequestedAt: null,
    });
    if (c.row.status !== 'scheduled') {
      await c.transition({
        to: 'scheduled',
        via: 'move',
        event: { kind: 'appointment_moved', visibility: 'requester' },
      });
    } else {
      await c.event('appointment_moved', 'requester');
      await c.touch();
    }
    await c.audit('woningscan.appointment_moved');
    await tellTheOtherSide(c, 'appointment_changed');
    return c.result();
  });
}

/** The requester asks for another time; the booking stands until the adviser moves or cancels it. */
export function requestReschedule(deps: WoningscanDeps, ctx: ServiceContext, caseId: string) {
  return deps.cases.withCase(ctx, caseId, 'request_reschedule', async (c) => {
    await updateWoningscanCase(c.tx, caseId, { rescheduleRequestedAt: c.now });
    await c.event('reschedule_requested', 'requester');
    await c.touch();
    await c.audit('woningscan.reschedule_requested');
    await tellTheOtherSide(c, 'appointment_changed');
    return c.result();
  });
}

/** Either side cancels: the invitation becomes a cancellation (same UID, next SEQUENCE); planning starts again. */
export function cancelAppointment(deps: WoningscanDeps, ctx: ServiceContext, caseId: string) {
  return deps.cases.withCase(ctx, caseId, 'cancel_appointment', async (c) => {
    const { row } = c.data;
    if (row.appointmentState !== 'booked') throw noAppointment();
    await withdrawOpenSlots(c.tx, caseId);
    await updateWoningscanCase(c.tx, caseId, {
      appointmentState: 'cancelled',
      appointmentSequence: row.appointmentSequence + 1,
      rescheduleRequestedAt: null,
    });
    await c.transition({
      to: 'accepted',
      via: 'cancel',
      event: { kind: 'appointment_cancelled', visibility: 'requester' },
    });
    await c.audit('woningscan.appointment_cancelled');
    await tellTheOtherSide(c, 'appointment_changed');
    return c.result();
  });
}

/** The invitation (or its cancellation) as an .ics file. The adviser's download is audited. */
export async function appointmentAsIcs(deps: WoningscanDeps, ctx: ServiceContext, caseId: string) {
  return deps.cases.readCase(ctx, caseId, 'download_ics', async (c) => {
    const { row } = c.data;
    if (!row.appointmentUid || !row.appointmentStartsAt || !row.appointmentEndsAt) throw noAppointment();
    await c.auditRead('woningscan.ics_downloaded');
    return {
      reference: c.row.reference ?? '',
      ics: appointmentIcs({
        uid: row.appointmentUid,
        sequence: row.appointmentSequence,
        startsAt: row.appointmentStartsAt,
        endsAt: row.appointmentEndsAt,
        cancelled: row.appointmentState === 'cancelled',
        now: c.now,
        organizerEmail: deps.organizerEmail,
        publicUrl: deps.publicUrl,
      }),
    };
  });
}

/** The home address, for the visit: the requester and the assigned adviser (audited), until the visit is done. */
export async function readAddress(deps: WoningscanDeps, ctx: ServiceContext, caseId: string): Promise<HomeAddress> {
  return deps.cases.readCase(ctx, caseId, 'read_address', async (c) => {
    const envelope = c.data.row.addressEnvelope;
    if (!envelope) throw conflict('case_state', 'The address is no longer kept.');
    await c.auditRead('woningscan.address_read');
    return JSON.parse(c.keyring.decryptString(envelope, addressAad(caseId))) as HomeAddress;
  });
}
