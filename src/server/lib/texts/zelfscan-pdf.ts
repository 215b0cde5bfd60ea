import type { Locale } from '../../../shared/locale.ts';
import type { Explanation } from '../../../shared/zelfscan/evaluate.ts';
import type { Light, Priority } from '../../../shared/zelfscan/questionnaire.ts';

/**
 * The texts of the zelfscan result PDF. Where the PDF says what the result page says (lights,
 * explanations, tips, the action plan, the change), the words are the page's: test/unit/text-drift.test.ts
 * compares them with the web app's catalogue, so the two never drift apart.
 */
export interface ZelfscanPdfTexts {
  // Only in the PDF.
  title: string;
  fileName: (date: string) => string;
  takenOn: (date: string) => string;
  version: (version: string) => string;
  private: string;
  oldVersion: string;
  tipColumn: string;
  statusColumn: string;
  changeNone: string;
  changeRow: (before: string, now: string, direction: string) => string;
  direction: Record<'up' | 'down' | 'same' | 'unknown', string>;
  emergency: (number: string) => string;
  support: (number: string) => string;
  footer: (page: number, pages: number) => string;
  // As on the result page.
  score: (score: number) => string;
  noScore: string;
  status: { done: string; planned: (date: string) => string; open: string };
  categoriesHeading: string;
  light: Record<Light, string>;
  explanation: Record<Explanation, string>;
  meaningHeading: string;
  meaning: string;
  tipsHeading: (count: number) => string;
  tipsIntro: string;
  noTips: string;
  priority: Record<Priority, string>;
  tipCategory: (category: string) => string;
  helpHeading: string;
  help: (number: string) => string;
  planHeading: string;
  planProgress: (done: number, total: number) => string;
  planEmpty: string;
  changeHeading: string;
  changeIntro: (date: string) => string;
  notApplicable: string;
}

export const ZELFSCAN_PDF_TEXTS: Record<Locale, ZelfscanPdfTexts> = {
  nl: {
    title: 'Uitslag van de zelfscan persoonlijke veiligheid',
    fileName: (date) => `Zelfscan ${date}`,
    takenOn: (date) => `Gedaan op ${date}`,
    version: (version) => `Versie van de vragenlijst: ${version}`,
    private: 'Persoonlijk. Alleen u kunt dit resultaat in Weerbaar zien. Bewaar dit papier op een veilige plek.',
    oldVersion:
      'Deze uitslag hoort bij een oudere versie van de zelfscan. Doe de zelfscan opnieuw voor een uitslag met tips.',
    tipColumn: 'Tip',
    statusColumn: 'Stand',
    changeNone: 'Dit is uw eerste bewaarde resultaat. Er is nog niets om mee te vergelijken.',
    changeRow: (before, now, direction) => `vorige keer ${before}, nu ${now}: ${direction}`,
    direction: { up: 'beter', down: 'minder goed', same: 'gelijk gebleven', unknown: 'niet te vergelijken' },
    emergency: (number) => `Acuut gevaar? Bel ${number}.`,
    support: (number) => `Ondersteuningsteam Weerbaar Bestuur, dag en nacht: ${number}.`,
    footer: (page, pages) => `Weerbaar, zelfscan. Pagina ${page} van ${pages}`,
    score: (score) => `Score: ${score} van 100`,
    noScore: 'Geen score: niet van toepassing',
    status: { done: 'gedaan', planned: (date) => `gepland op ${date}`, open: 'nog niet gepland' },
    categoriesHeading: 'Per onderwerp',
    light: { green: 'Groen: goed geregeld', orange: 'Oranje: let op', red: 'Rood: hier valt veel te winnen' },
    explanation: {
      allGood: 'U hebt de dingen waar we naar vroegen goed geregeld.',
      mostlyGood: 'U hebt hier veel goed geregeld. Met de tips maakt u het nog beter.',
      someAttention: 'Een aantal dingen kan beter. De tips hieronder helpen u op weg.',
      urgentTip: 'Veel is goed geregeld, maar er is een tip die u het beste eerst oppakt.',
      muchAttention: 'Hier kunt u veel verbeteren. Begin met de tips die bovenaan staan.',
      notApplicable: 'De vragen over dit onderwerp zijn voor u niet van toepassing.',
    },
    meaningHeading: 'Wat betekenen de kleuren?',
    meaning:
      'De kleur laat zien hoeveel van de maatregelen uit de vragen u al hebt genomen. Groen betekent niet dat er geen enkel risico is. Rood betekent niet dat u in gevaar bent. De kleuren helpen u kiezen waar u begint.',
    tipsHeading: (count) => (count === 1 ? 'Uw tip' : 'Uw tips'),
    tipsIntro: 'Begin bovenaan: daar staan de tips die het meest opleveren.',
    noTips:
      'U krijgt geen tips: u hebt alles waar we naar vroegen goed geregeld. Blijf alert, en doe de zelfscan opnieuw als uw situatie verandert.',
    priority: { high: 'Eerst doen', medium: 'Belangrijk', low: 'Goed om te doen' },
    tipCategory: (category) => `Onderwerp: ${category}`,
    helpHeading: 'Hulp nodig?',
    help: (number) =>
      `Wilt u praten over uw veiligheid, of over iets wat u hebt meegemaakt? Bel het Ondersteuningsteam, dag en nacht: ${number}. Hebt u een account bij Weerbaar? Dan kunt u het team ook online om hulp vragen. Bij acuut gevaar belt u 112.`,
    planHeading: 'Mijn actieplan',
    planProgress: (done, total) => `${done} van de ${total} acties gedaan.`,
    planEmpty: 'Uw resultaat heeft geen tips. U hoeft nu niets te doen.',
    changeHeading: 'Wat is er veranderd sinds de vorige keer?',
    changeIntro: (date) =>
      `Hier ziet u per onderwerp uw score van de vorige keer (${date}) naast uw score van nu. Een hogere score is beter.`,
    notApplicable: 'niet van toepassing',
  },
  en: {
    title: 'Result of the personal safety self-scan',
    fileName: (date) => `Self-scan ${date}`,
    takenOn: (date) => `Taken on ${date}`,
    version: (version) => `Version of the questionnaire: ${version}`,
    private: 'Personal. Only you can see this result in Weerbaar. Keep this paper in a safe place.',
    oldVersion:
      'This result belongs to an earlier version of the self-scan. Take the self-scan again for a result with tips.',
    tipColumn: 'Tip',
    statusColumn: 'Status',
    changeNone: 'This is your first saved result. There is nothing to compare it with yet.',
    changeRow: (before, now, direction) => `last time ${before}, now ${now}: ${direction}`,
    direction: { up: 'better', down: 'less good', same: 'unchanged', unknown: 'cannot be compared' },
    emergency: (number) => `Acute danger? Call ${number}.`,
    support: (number) => `Support Team Weerbaar Bestuur, day and night: ${number}.`,
    footer: (page, pages) => `Weerbaar, self-scan. Page ${page} of ${pages}`,
    score: (score) => `Score: ${score} out of 100`,
    noScore: 'No score: not applicable',
    status: { done: 'done', planned: (date) => `planned for ${date}`, open: 'not planned yet' },
    categoriesHeading: 'By topic',
    light: { green: 'Green: well arranged', orange: 'Orange: needs attention', red: 'Red: much to gain here' },
    explanation: {
      allGood: 'You have arranged the things we asked about well.',
      mostlyGood: 'You have arranged a lot here. The tips help you make it even better.',
      someAttention: 'Some things can be better. The tips below help you get started.',
      urgentTip: 'A lot is well arranged, but there is a tip that is best taken up first.',
      muchAttention: 'You can improve a lot here. Start with the tips at the top.',
      notApplicable: 'The questions on this topic do not apply to you.',
    },
    meaningHeading: 'What do the colours mean?',
    meaning:
      'The colour shows how many of the measures from the questions you have already taken. Green does not mean there is no risk at all. Red does not mean you are in danger. The colours help you choose where to start.',
    tipsHeading: (count) => (count === 1 ? 'Your tip' : 'Your tips'),
    tipsIntro: 'Start at the top: those tips make the most difference.',
    noTips:
      'You get no tips: you have arranged everything we asked about well. Stay alert, and take the self-scan again when your situation changes.',
    priority: { high: 'Do this first', medium: 'Important', low: 'Good to do' },
    tipCategory: (category) => `Topic: ${category}`,
    helpHeading: 'Need help?',
    help: (number) =>
      `Would you like to talk about your safety, or about something that happened to you? Call the Support Team, day and night: ${number}. Do you have a Weerbaar account? Then you can also ask the team for help online. In acute danger, call 112.`,
    planHeading: 'My action plan',
    planProgress: (done, total) => `${done} of ${total} actions done.`,
    planEmpty: 'Your result has no tips. There is nothing you need to do now.',
    changeHeading: 'What has changed since last time?',
    changeIntro: (date) =>
      `Per topic you see your score from last time (${date}) next to your score now. A higher score is better.`,
    notApplicable: 'not applicable',
  },
};
