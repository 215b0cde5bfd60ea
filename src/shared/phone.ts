/**
 * Phone numbers as people type them, Dutch and international, checked by their digits rather than by
 * the characters around them: "(-- --)" and "06 1234" are not numbers anyone can be called on.
 *
 * libphonenumber-js (the maintained choice) is not among this project's dependencies; until it is, this
 * checks what a caller needs, on the numbering plans' lengths:
 * - Dutch, written nationally: a trunk 0 and nine digits (06 12345678, 020 123 4567), or a service number
 *   0800/0900/0906/0909 with 4 or 7 digits.
 * - International: + or 00, a country code (never starting with 0) and at most 15 digits in all (ITU-T
 *   E.164). For +31 exactly nine digits follow, without the trunk 0 (written "+31 (0)6 …" it is dropped);
 *   for +1 (North America) exactly ten.
 * - Separators: spaces, dots, slashes, hyphens and one pair of parentheses; no letters, no second +.
 *
 * `normalizePhone` gives the E.164 form (+31612345678) to store and to dial (`tel:`).
 */

export const PHONE_INPUT_MAX_LENGTH = 40;

const SEPARATORS = /[\s.\-/]/g;
const DUTCH_SERVICE = /^0(800|900|906|909)(\d{4}|\d{7})$/;
const DUTCH_NATIONAL = /^0[1-9]\d{8}$/;
const DUTCH_INTERNATIONAL = /^31[1-9]\d{8}$/;
/** The North American plan (+1): always ten digits after the country code. */
const NORTH_AMERICAN = /^1[2-9]\d{9}$/;

/** The number as +digits, or null when it is not a phone number. */
export function normalizePhone(input: string): string | null {
  const typed = input.trim();
  if (typed.length === 0 || typed.length > PHONE_INPUT_MAX_LENGTH) return null;
  if (!/^[+\d\s.\-/()]+$/.test(typed)) return null;
  if (typed.indexOf('+') > 0 || typed.split('+').length > 2) return null;
  const opens = typed.split('(').length - 1;
  const closes = typed.split(')').length - 1;
  if (opens !== closes || opens > 1) return null;
  if (opens === 1 && typed.indexOf('(') > typed.indexOf(')')) return null;
  if (opens === 1 && !/\(\d+\)/.test(typed)) return null;

  // "+31 (0)6 …": the trunk 0 in parentheses after a country code is not dialled.
  const withoutTrunk = typed.replace(/^(\+|00)(\d{1,3})\s*\(0\)/, '$1$2');
  const digits = withoutTrunk.replace(SEPARATORS, '').replace(/[()]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;

  const international = digits.startsWith('+') ? digits.slice(1) : digits.startsWith('00') ? digits.slice(2) : null;
  if (international !== null) {
    if (international.startsWith('31')) return DUTCH_INTERNATIONAL.test(international) ? `+${international}` : null;
    if (international.startsWith('1')) return NORTH_AMERICAN.test(international) ? `+${international}` : null;
    if (!/^[2-9]\d{7,14}$/.test(international)) return null;
    return `+${international}`;
  }
  if (DUTCH_NATIONAL.test(digits) || DUTCH_SERVICE.test(digits)) return `+31${digits.slice(1)}`;
  return null;
}

export function isPhoneNumber(input: string): boolean {
  return normalizePhone(input) !== null;
}
