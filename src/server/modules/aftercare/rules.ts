import type { AftercareAnswers, AftercareQuestion, AftercareSignal } from '../../../shared/aftercare.ts';

/**
 * When do check-in answers suggest ongoing trouble? Rules as data: each rule names a signal and what
 * must hold in one check-in (`match`: every listed question has one of the listed answers), and how
 * often among the participant's latest answered check-ins (`atLeast` of the last `ofLast`, the newest
 * always among them). `prefer_not` never matches: not answering is never a signal. A signal prompts the
 * confidant to offer a referral (huisarts, Slachtofferhulp Nederland, the expert pool); it is no
 * diagnosis and no score, and the app shows none.
 */
export interface AftercareSignalRule {
  signal: AftercareSignal;
  match: Partial<Record<AftercareQuestion, readonly string[]>>;
  atLeast: number;
  ofLast: number;
}

export const AFTERCARE_SIGNAL_RULES: readonly AftercareSignalRule[] = [
  // Something new is happening (a new incident, threat, unwanted attention): the path may start again.
  { signal: 'new_events', match: { newEvents: ['yes'] }, atLeast: 1, ofLast: 1 },
  // The person asks for contact: always followed up.
  { signal: 'wants_contact', match: { wantsContact: ['yes'] }, atLeast: 1, ofLast: 1 },
  // Sleep stays hard over two check-ins: complaints that persist (domain.md §7, watchful waiting).
  { signal: 'sleep_hard_twice', match: { sleep: ['hard'] }, atLeast: 2, ofLast: 2 },
  // Sleep, work and family all hard at once.
  { signal: 'hard_everywhere', match: { sleep: ['hard'], work: ['hard'], family: ['hard'] }, atLeast: 1, ofLast: 1 },
];

function matches(rule: AftercareSignalRule, answers: AftercareAnswers): boolean {
  return Object.entries(rule.match).every(([question, accepted]) =>
    (accepted as readonly string[]).includes(answers[question as AftercareQuestion]),
  );
}

/**
 * The signals raised by the newest answers, given the participant's answered check-ins oldest first
 * (the newest last). A rule only fires when the newest check-in matches, so an old pattern does not
 * raise a prompt again at every later check-in.
 */
export function signalsOf(
  history: readonly AftercareAnswers[],
  rules: readonly AftercareSignalRule[] = AFTERCARE_SIGNAL_RULES,
): AftercareSignal[] {
  const newest = history.at(-1);
  if (!newest) return [];
  const raised = new Set<AftercareSignal>();
  for (const rule of rules) {
    if (!matches(rule, newest)) continue;
    const window = history.slice(-rule.ofLast);
    if (window.filter((answers) => matches(rule, answers)).length >= rule.atLeast) raised.add(rule.signal);
  }
  return [...raised];
}
