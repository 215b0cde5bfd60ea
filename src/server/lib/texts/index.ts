import { HANDOVER_PDF_TEXTS } from './handover-pdf.ts';
import { MAIL_TEXTS } from './mail.ts';
import { PRIVACY_EXPORT_TEXTS } from './privacy-pdf.ts';
import { SIPA_PDF_TEXTS } from './sipa-pdf.ts';
import { WONINGSCAN_PDF_TEXTS } from './woningscan-pdf.ts';
import { ZELFSCAN_PDF_TEXTS } from './zelfscan-pdf.ts';

/**
 * The server's one text catalogue: everything the server itself writes for people to read, in Dutch
 * and English — the PDFs (zelfscan result, handover package, SIPA advice) and the mails. One file per
 * document; every document has both languages with the same shape (a unit test checks that no text is
 * empty and that Dutch and English differ), and where a PDF says what a page says, a test compares it
 * with the web app's catalogue (test/unit/text-drift.test.ts). The server never imports the web
 * app's catalogues; the web app never imports these.
 *
 * Not here: problem and audit texts (src/shared/catalogue, shared with the web app), and what content
 * editors own (content/).
 */
export const SERVER_TEXTS = {
  zelfscanPdf: ZELFSCAN_PDF_TEXTS,
  handoverPdf: HANDOVER_PDF_TEXTS,
  sipaPdf: SIPA_PDF_TEXTS,
  woningscanPdf: WONINGSCAN_PDF_TEXTS,
  mail: MAIL_TEXTS,
  privacyExport: PRIVACY_EXPORT_TEXTS,
} as const;

export { DOCUMENT_LOCALE, longDate } from './dates.ts';
export { HANDOVER_PDF_TEXTS, type HandoverPdfTexts } from './handover-pdf.ts';
export {
  bilingual,
  credentialsChangedMail,
  invitationMail,
  MAIL_TEXTS,
  type MailText,
  type MailTexts,
  relativeInvitationMail,
  type SignInWarning,
  signInAttemptsMail,
} from './mail.ts';
export { PRIVACY_EXPORT_TEXTS, type PrivacyExportTexts } from './privacy-pdf.ts';
export { SIPA_PDF_TEXTS, type SipaAdviceSection, type SipaPdfTexts } from './sipa-pdf.ts';
export { WONINGSCAN_PDF_TEXTS, type WoningscanPdfTexts } from './woningscan-pdf.ts';
export { ZELFSCAN_PDF_TEXTS, type ZelfscanPdfTexts } from './zelfscan-pdf.ts';
