import type { FieldError } from '../../../shared/problem.ts';
import type { UpdateSessionBody } from '../../../shared/training.ts';
import { fromDutchLocal } from '../../../shared/training-time.ts';
import { badRequest } from '../../lib/errors.ts';

/** A session's times, checked: day parts in order, in the future, the deadline before the start. */
export interface Schedule {
  parts: { startsAt: Date; endsAt: Date }[];
  startsAt: Date;
  endsAt: Date;
  enrolmentDeadline: Date;
}

export interface ScheduleContext {
  now: Date;
  /** When changing a session: its current deadline (an unchanged deadline may lie in the past). */
  currentDeadline?: Date;
}

const problem = (field: string, code: string, message: string): FieldError => ({ field, code, message });

/**
 * Turns the Dutch dates and times of a session into instants and checks them, reporting every problem
 * at once with the field it is about (400 `invalid_schedule`). Nothing is written before this passes.
 */
export function checkSchedule(body: UpdateSessionBody, context: ScheduleContext): Schedule {
  const problems: FieldError[] = [];
  const parts: { startsAt: Date; endsAt: Date }[] = [];
  body.parts.forEach((part, index) => {
    const at = `body/parts/${index}`;
    const startsAt = fromDutchLocal(part.date, part.start);
    const endsAt = fromDutchLocal(part.date, part.end);
    if (!startsAt)
      problems.push(problem(`${at}/start`, 'no_such_time', 'This date or time does not exist in Dutch time.'));
    if (!endsAt) problems.push(problem(`${at}/end`, 'no_such_time', 'This date or time does not exist in Dutch time.'));
    if (!startsAt || !endsAt) return;
    if (endsAt.getTime() <= startsAt.getTime()) {
      problems.push(problem(`${at}/end`, 'end_before_start', 'The end must be after the start.'));
    }
    if (startsAt.getTime() <= context.now.getTime()) {
      problems.push(problem(`${at}/date`, 'in_past', 'A day part cannot start in the past.'));
    }
    const previous = parts.at(-1);
    if (previous && startsAt.getTime() < previous.endsAt.getTime()) {
      problems.push(
        problem(
          `${at}/start`,
          'parts_out_of_order',
          'Day parts follow each other: this one starts before the previous one ends.',
        ),
      );
    }
    parts.push({ startsAt, endsAt });
  });
  const deadline = fromDutchLocal(body.enrolmentDeadline.date, body.enrolmentDeadline.time);
  const first = parts[0];
  if (!deadline) {
    problems.push(
      problem('body/enrolmentDeadline/time', 'no_such_time', 'This date or time does not exist in Dutch time.'),
    );
  } else {
    const unchanged = context.currentDeadline?.getTime() === deadline.getTime();
    if (!unchanged && deadline.getTime() <= context.now.getTime()) {
      problems.push(problem('body/enrolmentDeadline/date', 'in_past', 'The enrolment deadline cannot be in the past.'));
    }
    if (first && deadline.getTime() > first.startsAt.getTime()) {
      problems.push(
        problem(
          'body/enrolmentDeadline/date',
          'deadline_after_start',
          'The enrolment deadline must be before the start.',
        ),
      );
    }
  }
  const last = parts.at(-1);
  if (problems.length > 0 || !first || !last || !deadline) {
    throw badRequest('invalid_schedule', 'The times of this session do not work.', problems);
  }
  return { parts, startsAt: first.startsAt, endsAt: last.endsAt, enrolmentDeadline: deadline };
}

/** True when a calendar must follow: another number of parts, other times, or another place. */
export function calendarChanged(
  before: { parts: readonly { startsAt: Date; endsAt: Date }[]; city: string; venue: string },
  after: { parts: readonly { startsAt: Date; endsAt: Date }[]; city: string; venue: string },
): boolean {
  if (before.city !== after.city || before.venue !== after.venue) return true;
  if (before.parts.length !== after.parts.length) return true;
  return before.parts.some((part, index) => {
    const other = after.parts[index];
    return (
      !other || other.startsAt.getTime() !== part.startsAt.getTime() || other.endsAt.getTime() !== part.endsAt.getTime()
    );
  });
}
