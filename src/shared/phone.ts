/**
 * Phone numbers as people type them, checked as phone numbers: Dutch (06 12345678, 070 373 83 14,
 * +31 (0)6 1234 5678, 0031 6 12345678) and international (+32 2 123 45 67). Returns the number in
 * E.164 form (+31612345678), or null for anything that is not one ("(-- --)", "06 1234", letters).
 *
 * Rules: a Dutch number has ten digits from its leading 0 (nine after +31), not starting 00; an
 * international number starts with + or 00 and has a country code and 8 to 15 digits in all (ITU-T
 * E.164). This checks length and shape, not whether a number is in service or which ranges a country
 * assigned: libphonenumber-js (per-country metadata) would, but is not a dependency of this project.
 */
export function normalisePhone(input: string): string | null {
  const typed = input.trim();
  if (typed.length === 0 || typed.length > 30) return null;
  // Only digits and what people put between them; a + only in front.
  if (!/^\+?[0-9 ().-]+$/.test(typed)) return null;
  // "+31 (0)6 …": the (0) is the Dutch trunk prefix written alongside the country code.
  const withoutTrunk = typed.replace(/^(\+|00)\s*31\s*\(0\)/, '+31');
  if (/[()]/.test(withoutTrunk) && !/^[^()]*\(\d+\)[^()]*$/.test(withoutTrunk)) return null;
  const international = withoutTrunk.startsWith('+') || withoutTrunk.startsWith('00');
  const digits = withoutTrunk.replace(/\D/g, '');
  if (international) {
    const number = withoutTrunk.startsWith('+') ? digits : digits.slice(2);
    if (number.startsWith('0')) return null;
    if (number.startsWith('31')) return /^31[1-9]\d{8}$/.test(number) ? `+${number}` : null;
    return number.length >= 8 && number.length <= 15 ? `+${number}` : null;
  }
  return /^0[1-9]\d{8}$/.test(digits) ? `+31${digits.slice(1)}` : null;
}

export const isPhoneNumber = (input: string): boolean => normalisePhone(input) !== null;
