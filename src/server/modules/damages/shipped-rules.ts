import type { DamageRulesContent } from '../../../shared/damages.ts';

/**
 * The Schadefonds Geweldsmisdrijven's rules Weerbaar ships with (domain.md §5e), loaded as the first
 * revision of their version when the database does not have it yet; from then on admins keep them. The
 * start day is 1 January 2019, the day naasten became eligible (the earliest dated fact in §5e); the
 * amounts are those of the letsellijst (2022). The application term is UNVERIFIED in the domain file
 * (one page says 3 years, the 2022 policy note a ten-year term): the page says to check with the fund,
 * and the shorter term is the one Weerbaar counts with.
 */
export const SHIPPED_DAMAGE_RULES: DamageRulesContent = {
  validFrom: '2019-01-01',
  categories: [
    { category: 1, amountEuros: 1000 },
    { category: 2, amountEuros: 2500 },
    { category: 3, amountEuros: 5000 },
    { category: 4, amountEuros: 10000 },
    { category: 5, amountEuros: 20000 },
    { category: 6, amountEuros: 35000 },
  ],
  relativesAmountEuros: 5000,
  eligibility: {
    nl: 'Een eenmalige, belastingvrije tegemoetkoming (geen volledige schadevergoeding) voor wie door een opzettelijk geweldsmisdrijf ernstig lichamelijk of psychisch letsel heeft opgelopen, en voor naasten en nabestaanden. Psychisch letsel moet behandeld worden door een BIG-geregistreerde of NIP-BAPD-hulpverlener. U kunt aanvragen terwijl de strafzaak loopt, en ook als de dader onbekend is of is vrijgesproken. Voor de aanvraag zijn een machtiging, uw persoonsgegevens, gegevens over het misdrijf en over het letsel nodig.',
    en: 'A one-off, tax-free payment (not full damages) for people who suffered serious physical or psychological injury from an intentional violent crime, and for close and surviving relatives. Psychological injury must be treated by a BIG-registered or NIP-BAPD practitioner. You can apply while the criminal case runs, and also when the perpetrator is unknown or was acquitted. The application needs an authorisation, your personal details, details of the crime and of the injury.',
  },
  deadline: {
    years: 3,
    text: {
      nl: 'Volgens een pagina van het Schadefonds vraagt u aan binnen 3 jaar na het misdrijf; een beleidsnotitie uit 2022 noemt een termijn van tien jaar. Weerbaar rekent met de kortste termijn.',
      en: 'A Schadefonds page says to apply within 3 years of the crime; a 2022 policy note refers to a ten-year term. Weerbaar counts with the shorter term.',
    },
  },
  unverified: ['deadline'],
  sources: [
    'https://www.schadefonds.nl/schadefonds/letsellijst/',
    'https://schadefonds.nl/aanvraag-indienen/alles-over-de-uitkering-aanvraag/aanvraagprocedure',
    'https://www.schadefonds.nl/actueel/vernieuwde-beleidsbundel-en-letsellijst-2022/',
    'https://www.schadefonds.nl/slachtoffer/veelgestelde-vragen-en-voorwaarden/',
  ],
};
