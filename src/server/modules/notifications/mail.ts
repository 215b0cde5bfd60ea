/**
 * The e-mail that goes with a notification: only that there is news, and where to look. No reference,
 * no kind of record, no names: an e-mail box is not a safe place, and a subject line can be read on a
 * lock screen.
 */
export function noticeMail(publicUrl: string): { subject: string; text: string } {
  return {
    subject: 'Er is nieuws voor u in Weerbaar',
    text: [
      'Er is nieuws voor u in Weerbaar. Meld u aan om het te bekijken:',
      `${publicUrl}/`,
      '',
      'There is news for you in Weerbaar. Sign in to see it.',
      '',
      'Acuut gevaar? Bel 112. / Acute danger? Call 112.',
    ].join('\n'),
  };
}
