import { describe, expect, it } from 'vitest';
import { isPhoneNumber, normalizePhone } from './phone.ts';

// One check for every form that asks for a number: SIPA's call-back and the support team's (issue 12:
// "(-- --)" and "06 1234" were accepted there).
describe('phone numbers', () => {
  it.each([
    ['06 1234 5678', '+31612345678'],
    ['06 12345678', '+31612345678'],
    ['0612345678', '+31612345678'],
    ['06-12345678', '+31612345678'],
    ['020 123 4567', '+31201234567'],
    ['(020) 123 45 67', '+31201234567'],
    ['(070) 373 83 14', '+31703738314'],
    ['070 373 83 14', '+31703738314'],
    ['070-3738314', '+31703738314'],
    ['+31 6 1234 5678', '+31612345678'],
    ['+31 (0)6 1234 5678', '+31612345678'],
    ['0031 6 12345678', '+31612345678'],
    ['0031 70 373 83 14', '+31703738314'],
    ['0800 7000', '+318007000'],
    ['0900 123 4567', '+319001234567'],
    ['+32 2 123 45 67', '+3221234567'],
    ['+32 470 12 34 56', '+32470123456'],
    ['+49 30 1234567', '+49301234567'],
    ['+1 (202) 555-0143', '+12025550143'],
    ['  06.12.34.56.78 ', '+31612345678'],
  ])('accepts %s as %s', (typed, e164) => {
    expect(normalizePhone(typed)).toBe(e164);
  });

  it.each([
    ['(-- --)', 'no digits at all'],
    ['06 1234', 'too short for a Dutch number'],
    ['06 123456789', 'one digit too many for a Dutch number'],
    ['061234567890', 'too long for a Dutch number'],
    ['6 1234 5678', 'no trunk 0 and no country code'],
    ['00 1234 5678', 'a trunk 0 but no area'],
    ['+31 06 1234 5678', 'the trunk 0 after +31'],
    ['+31 6 1234 567', '+31 with eight digits'],
    ['+31 6 1234', '+31 with far too few digits'],
    ['+0 123 456 789', 'a country code cannot start with 0'],
    ['+1234567', 'too short for any international number'],
    ['+1234567890123456', 'longer than E.164 allows'],
    ['06 1234 5678 toestel 12', 'letters'],
    ['0612345678x', 'a letter at the end'],
    ['zes twaalf', 'words'],
    ['+', 'only a plus'],
    ['06 1234 5678+', 'a + that does not lead'],
    ['++31 6 12345678', 'two + signs'],
    ['(06) (1234) 5678', 'two pairs of parentheses'],
    ['((070)) 3738314', 'nested parentheses'],
    [')06( 12345678', 'parentheses the wrong way round'],
    ['06 () 12345678', 'empty parentheses'],
    ['0800 70000', 'a service number of the wrong length'],
    ['', 'nothing'],
    [`06 ${'1'.repeat(40)}`, 'far too long'],
    ['<script>06 12345678</script>', 'markup'],
  ])('refuses %s (%s)', (typed) => {
    expect(isPhoneNumber(typed)).toBe(false);
  });
});
