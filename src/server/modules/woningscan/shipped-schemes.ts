import type { SchemeContent } from '../../../shared/woningscan-schemes.ts';
import { BESTUURDER_OFFICES } from '../../../shared/woningscan-schemes.ts';

/**
 * The three schemes Weerbaar ships with (domain notes §3a–§3c), loaded as their first revision when
 * the database does not have them yet. From then on admins keep them (a new revision per change); a
 * later release never overwrites an admin's edit.
 */
export const SHIPPED_SCHEMES: readonly { key: string; content: SchemeContent }[] = [
  {
    key: 'woningscan_2018',
    content: {
      name: {
        nl: 'Woningscan door het CCV (2018–2023)',
        en: 'Home security scan by the CCV (2018–2023)',
      },
      summary: {
        nl: 'Een veiligheidsadviseur van het CCV bekijkt uw woning (sloten, ramen, brievenbus, verlichting, alarm) en uw digitale vindbaarheid, en geeft u persoonlijk advies. Het advies is een richtlijn: u kiest zelf welke maatregelen u neemt. Vanaf juni 2019 ook voor raadsleden.',
        en: 'A CCV security adviser looks at your home (locks, windows, letterbox, lighting, alarm) and at how easily you can be found online, and gives you personal advice. The advice is guidance: you choose which measures you take. From June 2019 also for councillors.',
      },
      validFrom: '2018-11-01',
      validTo: '2023-12-31',
      eligibleOffices: [...BESTUURDER_OFFICES, 'raadslid'],
      capEuros: null,
      fixedPackage: [],
      pkvwRequired: false,
      whoPays: {
        nl: 'Het ministerie van BZK betaalt de scan; voor u is hij gratis.',
        en: 'The Ministry of the Interior (BZK) pays for the scan; it is free for you.',
      },
      route: ['ccv_visit', 'ccv_advice'],
      sourceUrl: 'https://hetccv.nl/themas/integraal-veiligheidsbeleid/veiligheid-politieke-ambtsdragers/',
    },
  },
  {
    key: 'allowance_2021',
    content: {
      name: {
        nl: 'Tegemoetkoming preventieve beveiligingsmaatregelen (2021–2023)',
        en: 'Allowance for preventive security measures (2021–2023)',
      },
      summary: {
        nl: 'Vergoeding van de werkelijke kosten van een vast pakket maatregelen voor uw hoofdverblijf, tot € 2.400 inclusief btw. Voorwaarde: een geldig Politiekeurmerk Veilig Wonen, waarvan u de kosten zelf draagt. Na een verhuizing ontstaat het recht opnieuw.',
        en: 'Reimbursement of the actual costs of a fixed package of measures for your main residence, up to € 2,400 including VAT. Condition: a valid Police Secure Housing Label (PKVW), at your own cost. The entitlement arises again after a move.',
      },
      validFrom: '2021-01-01',
      validTo: '2023-12-31',
      eligibleOffices: [...BESTUURDER_OFFICES],
      capEuros: 2400,
      fixedPackage: [
        { nl: 'Brievenbusbeveiliging', en: 'Letterbox protection' },
        { nl: 'Versterkte ramen', en: 'Strengthened windows' },
        { nl: 'Deurspion of video-intercom', en: 'Door viewer or video intercom' },
        {
          nl: 'Basisinstallatie waarop een meldsysteem kan worden aangesloten',
          en: 'A basic installation to which a monitoring system can be connected',
        },
        { nl: 'Brand- en inbraakwerende kluis', en: 'Fire- and burglary-resistant safe' },
      ],
      pkvwRequired: true,
      whoPays: {
        nl: 'U laat de maatregelen aanbrengen en declareert de kosten bij uw werkgever (gemeente, provincie of waterschap).',
        en: 'You have the measures installed and claim the costs from your employer (municipality, province or water board).',
      },
      route: ['pkvw_certificate', 'officeholder_buys', 'employer_reimburses'],
      sourceUrl:
        'https://weerbaarbestuur.nl/producten-en-diensten/preventieve-beveiligingsmaatregelen-bestuurders-geldig-tot-31-december-2023',
    },
  },
  {
    key: 'regeling_2024',
    content: {
      name: {
        nl: 'Regeling beveiligingsmaatregelen decentrale bestuurders',
        en: 'Security measures scheme for decentral administrators',
      },
      summary: {
        nl: 'U vraagt een gesprek aan met het CCV. Een veiligheidsadviseur brengt de risico’s in en om uw woning in kaart, voor wonen, werk, informatie en reizen. De beveiligingsautoriteit (BVA) van BZK geeft daarna een beveiligingsadvies op maat, en uw werkgever zorgt voor de maatregelen. Er is geen vast maximum en geen vast pakket. Het Politiekeurmerk Veilig Wonen blijft een harde voorwaarde; die basisbeveiliging draagt u zelf.',
        en: 'You request a conversation with the CCV. A security adviser maps the risks in and around your home, for home, work, information and travel. The security authority (BVA) of the Ministry of the Interior then issues tailored security advice, and your employer provides the measures. There is no fixed maximum and no fixed package. The Police Secure Housing Label (PKVW) remains a hard condition; that basic security is yours to bear.',
      },
      validFrom: '2024-01-01',
      validTo: null,
      eligibleOffices: [...BESTUURDER_OFFICES],
      capEuros: null,
      fixedPackage: [],
      pkvwRequired: true,
      whoPays: {
        nl: 'Uw werkgever (gemeente, provincie of waterschap) zorgt voor de geadviseerde maatregelen en neemt het advies altijd over. BZK draagt jaarlijks € 2,5 miljoen bij. Voor de commissaris van de Koning en gedeputeerden betaalt de provincie.',
        en: 'Your employer (municipality, province or water board) provides the advised measures and always adopts the advice. The Ministry contributes € 2.5 million a year. For the King’s Commissioner and provincial executives, the province pays.',
      },
      route: ['ccv_visit', 'bva_advice', 'employer_provides'],
      sourceUrl: 'https://zoek.officielebekendmakingen.nl/stcrt-2023-28233.html',
    },
  },
];
