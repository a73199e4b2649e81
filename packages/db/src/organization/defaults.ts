import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { KPIS } from '@kpi/domain/kpis/registry'

// What every new organisation starts with besides its people and data — the first-run setup, `pnpm setup:org`
// and the demo organisation alike — so a fresh dashboard judges its KPIs the way the demo shows them. The
// focus-area layout is the domain's DEFAULT_FOCUS_AREAS; the settings and thresholds are here.

/** Organisation settings a new organisation gets unless told otherwise. */
export const DEFAULT_ORGANIZATION_SETTINGS = {
  timeZone: 'Europe/Amsterdam',
  currency: 'EUR',
  fiscalYearStartMonth: 1,
  leaderboardEnabled: false,
  splitTeamTargets: false,
} as const

/**
 * One action point in English and Dutch, side by side so a translator sees both (decision 36); the Dutch uses
 * the words of docs/glossary.md.
 */
type ActionPoint = readonly [en: string, nl: string]

interface ThresholdSpec {
  mode: 'RELATIVE' | 'ABSOLUTE'
  greenFrom: number
  orangeFrom: number
  orange: readonly ActionPoint[]
  red: readonly ActionPoint[]
}

const relative = (orange: readonly ActionPoint[], red: readonly ActionPoint[]): ThresholdSpec => ({
  mode: 'RELATIVE',
  greenFrom: 100,
  orangeFrom: 85,
  orange,
  red,
})

// Absolute bounds for KPIs judged on their own value rather than against a target. For "lower is better" KPIs
// (churn, response time, cycle) greenFrom/orangeFrom are upper bounds; the domain's direction decides.
const absolute = (
  greenFrom: number,
  orangeFrom: number,
  orange: readonly ActionPoint[],
  red: readonly ActionPoint[],
): ThresholdSpec => ({
  mode: 'ABSOLUTE',
  greenFrom,
  orangeFrom,
  orange,
  red,
})

const GENERIC_ORANGE: ActionPoint[] = [
  [
    'Discuss in the Monday stand-up: what is behind the dip?',
    'Bespreek in de stand-up van maandag: wat zit er achter de dip?',
  ],
]
const GENERIC_RED: ActionPoint[] = [
  ['Manager and rep agree a recovery plan this week', 'Manager en verkoper spreken deze week een herstelplan af'],
  ['Review again at the next monthly KPI meeting', 'Opnieuw bekijken in het volgende maandelijkse KPI-overleg'],
]

/** Default thresholds and action points (SPEC section 4): relative 100/85 for most, absolute where a target is odd. */
const THRESHOLDS: Partial<Record<KpiKey, ThresholdSpec>> = {
  'activity.calls': relative(
    [
      [
        'Block two calling hours in the agenda, Tuesday and Thursday morning',
        'Blok dinsdag- en donderdagochtend twee uur in de agenda voor telefoongesprekken',
      ],
    ],
    [
      ['Power hour with the team lead every day this week', 'Deze week elke dag een power hour met de teamleider'],
      [
        'Check the call list with marketing: enough fresh leads?',
        'Loop de bellijst na met marketing: genoeg verse leads?',
      ],
    ],
  ),
  'activity.meetings': relative(
    [
      [
        'Ask every warm lead for a concrete appointment, not "we will call you"',
        'Vraag elke warme lead om een concrete afspraak, niet "we bellen u nog"',
      ],
    ],
    [
      ['Manager joins two customer visits this week', 'De manager gaat deze week mee naar twee klantbezoeken'],
      [
        'Re-activate dormant accounts from the last 12 months',
        'Heractiveer slapende klanten van de afgelopen 12 maanden',
      ],
    ],
  ),
  'activity.proposals': relative(
    [
      [
        'Check open opportunities in discovery: which can get a quote this week?',
        'Loop de open kansen in de verkenningsfase na: welke kunnen deze week een offerte krijgen?',
      ],
    ],
    [
      [
        'Pipeline review with the manager: what blocks proposals?',
        'Pijplijnbespreking met de manager: wat houdt de offertes tegen?',
      ],
      [
        'Use the standard quote template to save time',
        'Gebruik het standaardsjabloon voor offertes om tijd te besparen',
      ],
    ],
  ),
  'activity.response_hours': absolute(
    4,
    24,
    [
      [
        'Set up a shared lead inbox rota so nothing waits over lunch',
        'Maak een rooster voor de gedeelde leadinbox, zodat er tijdens de lunch niets blijft liggen',
      ],
    ],
    [
      [
        'Call every inbound lead the same day: manager checks the queue at 16:00',
        'Bel elke inkomende lead dezelfde dag nog: de manager controleert de wachtrij om 16:00',
      ],
    ],
  ),
  'leads.new': relative(
    [['Ask marketing for an extra LinkedIn campaign', 'Vraag marketing om een extra LinkedIn-campagne']],
    [
      ['Emergency meeting with marketing about the lead plan', 'Spoedoverleg met marketing over het leadplan'],
      ['Every rep asks two customers for a referral', 'Elke verkoper vraagt twee klanten om een doorverwijzing'],
    ],
  ),
  'leads.qualified': relative(
    [['Follow up all MQLs older than 3 days', "Volg alle MQL's op die ouder zijn dan 3 dagen"]],
    [
      ['Review the qualification criteria with marketing', 'Neem de kwalificatiecriteria door met marketing'],
      ['Extra outbound block of 2 hours a day per rep', 'Extra outboundblok van 2 uur per dag per verkoper'],
    ],
  ),
  'leads.mql_to_sql': absolute(
    50,
    40,
    [
      [
        'Check lead scoring with marketing: are MQLs really sales-ready?',
        "Controleer de leadscoring met marketing: zijn de MQL's echt klaar voor sales?",
      ],
    ],
    [
      [
        'Joint sales–marketing session on the ideal customer profile',
        'Gezamenlijke sessie van sales en marketing over het ideale klantprofiel',
      ],
      ['Call back every rejected MQL within a week', 'Bel elke afgewezen MQL binnen een week terug'],
    ],
  ),
  'leads.lead_to_opportunity': absolute(12, 8, GENERIC_ORANGE, GENERIC_RED),
  'leads.velocity_days': absolute(
    60,
    90,
    [
      [
        'Find the stage where leads stall and discuss it in the pipeline review',
        'Zoek de fase waarin leads blijven hangen en bespreek die in de pijplijnbespreking',
      ],
    ],
    [
      [
        'Set a next step with a date on every open opportunity',
        'Zet op elke open kans een volgende stap met een datum',
      ],
    ],
  ),
  'revenue.won': relative(
    [
      [
        'Pull forward deals in negotiation: what does the customer still need?',
        'Haal deals in onderhandeling naar voren: wat heeft de klant nog nodig?',
      ],
    ],
    [
      ['Weekly deal review with the sales director', 'Wekelijkse dealbespreking met de salesdirecteur'],
      ['Focus on the top 10 open deals, park the rest', 'Focus op de top 10 open deals, parkeer de rest'],
    ],
  ),
  'revenue.growth': absolute(10, 0, GENERIC_ORANGE, GENERIC_RED),
  'deals.win_rate': absolute(
    40,
    30,
    [
      [
        'Run a lost-deal analysis on the last five losses',
        'Analyseer de laatste vijf verloren deals: waarom verloren we ze?',
      ],
    ],
    [
      [
        'Stop chasing deals outside the ideal customer profile',
        'Stop met jagen op deals buiten het ideale klantprofiel',
      ],
      [
        'Role-play the closing conversation in the team meeting',
        'Oefen het afsluitende gesprek als rollenspel in het teamoverleg',
      ],
    ],
  ),
  'deals.avg_size': relative(
    [
      [
        'Offer the Analytics Module in every Platform Core proposal',
        'Bied de Analytics Module aan in elke offerte voor Platform Core',
      ],
    ],
    [
      [
        'Review discounting: who approves discounts above 10 %?',
        'Bekijk het kortingsbeleid: wie keurt kortingen boven 10 % goed?',
      ],
    ],
  ),
  'deals.cycle_days': absolute(45, 75, GENERIC_ORANGE, GENERIC_RED),
  'deals.margin_pct': absolute(
    45,
    35,
    [['Check discounts on the last ten deals', 'Controleer de kortingen op de laatste tien deals']],
    [['Finance signs off every quote', 'De financiële afdeling keurt elke offerte goed']],
  ),
  'pipeline.coverage': absolute(1.2, 0.9, GENERIC_ORANGE, GENERIC_RED),
  'customers.churn_rate': absolute(
    2,
    5,
    [
      [
        'Account manager calls every customer with a renewal in the next 90 days',
        'De accountmanager belt elke klant met een verlenging in de komende 90 dagen',
      ],
    ],
    [
      [
        'Customer success plan for every at-risk ICP customer',
        'Een customer-successplan voor elke ICP-klant die dreigt te vertrekken',
      ],
      ['Escalate to the management team this week', 'Deze week escaleren naar het managementteam'],
    ],
  ),
  'customers.retention_rate': absolute(95, 90, GENERIC_ORANGE, GENERIC_RED),
  'revenue.nrr': absolute(
    100,
    90,
    [['Plan an upsell conversation with the top 20 customers', 'Plan een upsellgesprek met de top 20 klanten']],
    [
      [
        'Quarterly business review with every customer that shrank',
        'Kwartaalbespreking met elke klant bij wie de omzet daalde',
      ],
    ],
  ),
  'customers.nps': absolute(
    30,
    0,
    [['Call every passive respondent back within a week', 'Bel elke passieve respondent binnen een week terug']],
    [
      ['Call every detractor within 48 hours', 'Bel elke criticaster binnen 48 uur'],
      [
        'Discuss the top three complaints in the management team',
        'Bespreek de drie grootste klachten in het managementteam',
      ],
    ],
  ),
  'customers.csat': absolute(80, 65, GENERIC_ORANGE, GENERIC_RED),
  'team.enps': absolute(
    20,
    0,
    [
      [
        'Discuss the results openly in the next team meeting',
        'Bespreek de uitkomsten open in het volgende teamoverleg',
      ],
    ],
    [
      ['One-to-one with every team member this month', 'Deze maand een een-op-eengesprek met elk teamlid'],
      ['HR joins the next team meeting', 'HR schuift aan bij het volgende teamoverleg'],
    ],
  ),
  'team.q12': absolute(
    4,
    3.5,
    [
      [
        'Pick the lowest-scoring Q12 item and agree one improvement',
        'Kies de Q12-vraag met de laagste score en spreek één verbetering af',
      ],
    ],
    [['Team session with HR on workload and recognition', 'Teamsessie met HR over werkdruk en waardering']],
  ),
  'efficiency.labour_ratio': absolute(
    4,
    3,
    [
      [
        'Check non-selling time: which admin can go?',
        'Kijk naar de tijd die niet aan verkopen opgaat: welke administratie kan weg?',
      ],
    ],
    [
      ['Freeze new hires until the ratio recovers', 'Neem niemand aan tot de verhouding herstelt'],
      ['Review territory and account allocation', "Herzie de verdeling van regio's en klanten"],
    ],
  ),
  'efficiency.cac': relative(
    [
      [
        'Shift budget from paid to referral and partner channels',
        'Verschuif budget van betaalde kanalen naar doorverwijzingen en partners',
      ],
    ],
    [['Stop the campaign with the highest cost per customer', 'Stop de campagne met de hoogste kosten per klant']],
  ),
}

/** An organisation-wide threshold with its action points, as a new organisation gets it. */
export interface DefaultThreshold {
  kpiKey: KpiKey
  mode: 'RELATIVE' | 'ABSOLUTE'
  greenFrom: number
  orangeFrom: number
  greenActions: string[]
  orangeActions: string[]
  redActions: string[]
  greenActionsNl: string[]
  orangeActionsNl: string[]
  redActionsNl: string[]
}

/** One organisation-wide threshold per KPI that has a direction (revenue.split is a breakdown, not a gauge). */
export function defaultThresholds(): DefaultThreshold[] {
  return KPI_KEYS.filter((key) => KPIS[key].direction !== 'neutral').map((kpiKey) => {
    const spec = THRESHOLDS[kpiKey] ?? relative(GENERIC_ORANGE, GENERIC_RED)
    const en = (points: readonly ActionPoint[]) => points.map(([text]) => text)
    const nl = (points: readonly ActionPoint[]) => points.map(([, text]) => text)
    return {
      kpiKey,
      mode: spec.mode,
      greenFrom: spec.greenFrom,
      orangeFrom: spec.orangeFrom,
      greenActions: [],
      orangeActions: en(spec.orange),
      redActions: en(spec.red),
      greenActionsNl: [],
      orangeActionsNl: nl(spec.orange),
      redActionsNl: nl(spec.red),
    }
  })
}
