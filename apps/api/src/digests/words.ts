/**
 * Every text a digest shows, in English and Dutch. Status labels and symbols, scope headings and pace lines are the
 * web app's own words (apps/web/src/i18n/{en,nl}.json: status.*, dashboard.scope*, myTargets.pace* …), so a person
 * reads the same thing in a digest as in the product.
 */
import type { PaceNeed } from '@kpi/domain/pace'
import type { Scope } from '@kpi/domain/scope'
import type { Status } from '@kpi/domain/status'
import { periodWords } from '../alerts/notification-text.ts'
import type { Locale } from '../kpi/kpi-card.ts'

type ByLocale<T> = Record<Locale, T>

/** As the gauges show a status: symbol + label, never colour alone (web: gauge-status.ts, status.* keys). */
export const STATUS_WORDS: ByLocale<Record<Status, { symbol: string; label: string }>> = {
  en: {
    green: { symbol: '✓', label: 'On track' },
    orange: { symbol: '!', label: 'Needs attention' },
    red: { symbol: '✕', label: 'Critical' },
    'no-target': { symbol: '–', label: 'No target' },
    'no-data': { symbol: '?', label: 'No data' },
    'not-started': { symbol: '○', label: 'Not started' },
  },
  nl: {
    green: { symbol: '✓', label: 'Op koers' },
    orange: { symbol: '!', label: 'Aandacht nodig' },
    red: { symbol: '✕', label: 'Kritiek' },
    'no-target': { symbol: '–', label: 'Geen doel' },
    'no-data': { symbol: '?', label: 'Geen gegevens' },
    'not-started': { symbol: '○', label: 'Nog niet begonnen' },
  },
}

/** The dashboard's heading for a scope (web: dashboard.scopeOrg / scopeTeam / scopeRegion; a rep by name). */
export function scopeHeading(scope: Scope, name: string | null, locale: Locale): string {
  if (scope.type === 'org') return locale === 'nl' ? 'Hele organisatie' : 'Whole organisation'
  const shown = name ?? `${scope.type}:${scope.id}`
  if (scope.type === 'team') return `Team ${shown}`
  if (scope.type === 'region') return locale === 'nl' ? `Regio ${shown}` : `Region ${shown}`
  return shown
}

/**
 * A period as people say it: "December 2026" / "december 2026", "week 49", "Q4 2026" / "K4 2026", "2026", and a
 * day as "Friday 4 December 2026" / "vrijdag 4 december 2026".
 */
export function periodHeading(period: { type: string; label: string; startDate: string }, locale: Locale): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period.label) ?? /^(FY\d{4}\/\d{2}) Q([1-4])$/.exec(period.label)
  if (period.type === 'quarter' && quarter) return `${locale === 'nl' ? 'K' : 'Q'}${quarter[2]} ${quarter[1]}`
  if (period.type === 'day') return longDate(period.startDate, locale)
  return periodWords(period, locale)
}

const intlLocale = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-GB')

/** "Friday 4 December 2026" of a local date (noon UTC keeps the date in any zone). */
function longDate(localDate: string, locale: Locale): string {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number]
  return new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day, 12)))
}

export type DigestKind = { frequency: 'daily' | 'weekly' | 'manual'; forPerson: boolean }

/**
 * "Your weekly digest: Team North — December 2026" / "Je wekelijkse overzicht: Team North — december 2026"; a
 * webhook's "Weekly digest: …" / "Wekelijks overzicht: …"; a test or "send now" is "Your digest: …".
 */
export function subjectLine(kind: DigestKind, scopeName: string, periodText: string, locale: Locale): string {
  const what = {
    en: {
      person: { daily: 'Your daily digest', weekly: 'Your weekly digest', manual: 'Your digest' },
      channel: { daily: 'Daily digest', weekly: 'Weekly digest', manual: 'Digest' },
    },
    nl: {
      person: { daily: 'Je dagelijkse overzicht', weekly: 'Je wekelijkse overzicht', manual: 'Je overzicht' },
      channel: { daily: 'Dagelijks overzicht', weekly: 'Wekelijks overzicht', manual: 'Overzicht' },
    },
  }[locale][kind.forPerson ? 'person' : 'channel'][kind.frequency]
  return `${what}: ${scopeName} — ${periodText}`
}

/**
 * "Figures up to Friday 4 December 2026, 08:00 — 3 of 21 working days to go." in the organisation's time zone.
 */
export function introLine(
  now: string,
  timeZone: string,
  workingDays: { total: number; remaining: number },
  locale: Locale,
): string {
  const at = new Date(now)
  const date = new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(at)
  const time = new Intl.DateTimeFormat(intlLocale(locale), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at)
  const { total, remaining } = workingDays
  if (locale === 'nl') {
    const left =
      remaining === 0
        ? 'geen werkdagen meer in deze periode'
        : `nog ${remaining} van de ${total} ${total === 1 ? 'werkdag' : 'werkdagen'} te gaan`
    return `Cijfers tot ${date}, ${time} — ${left}.`
  }
  const left =
    remaining === 0
      ? 'no working days left in this period'
      : `${remaining} of ${total} working ${total === 1 ? 'day' : 'days'} to go`
  return `Figures up to ${date}, ${time} — ${left}.`
}

const days = (n: number, locale: Locale) =>
  locale === 'nl' ? `${n} ${n === 1 ? 'werkdag' : 'werkdagen'}` : `${n} working ${n === 1 ? 'day' : 'days'}`

/**
 * A pace line in My targets' words (web: myTargets.pace, paceOne, ratePerDay, rateEvery, reached, noDaysLeft and
 * their team* forms). `text` formats an amount in the KPI's unit.
 */
export function paceLine(need: PaceNeed, text: (n: number) => string, who: 'you' | 'team', locale: Locale): string {
  const target = text(need.target)
  const team = who === 'team'
  if (locale === 'nl') {
    switch (need.kind) {
      case 'reached':
        return team ? `Het team heeft zijn doel van ${target} gehaald.` : `Doel ${target} gehaald. Goed gedaan.`
      case 'no-days-left':
        return team
          ? `Geen werkdagen meer: het team komt ${text(need.gap)} tekort voor ${target}.`
          : `Geen werkdagen meer: nog ${text(need.gap)} te gaan tot ${target}.`
      case 'one-more': {
        const when = need.days === 1 ? 'de laatste werkdag' : `de ${need.days} resterende werkdagen`
        return `${team ? `Om als team ${target} te halen` : `Om ${target} te halen`}: nog 1 in ${when}.`
      }
      default: {
        const rate =
          need.kind === 'per-day'
            ? `${text(need.amount)} extra per werkdag`
            : `elke ${need.every === 1 ? 'werkdag' : `${need.every} werkdagen`} 1 extra`
        const lead = team ? `Om als team ${target} te halen` : `Om ${target} te halen`
        return `${lead}: ${rate} (nog ${text(need.need)} nodig, ${days(need.days, 'nl')} te gaan).`
      }
    }
  }
  switch (need.kind) {
    case 'reached':
      return team ? `The team has reached its target of ${target}.` : `Target ${target} reached. Well done.`
    case 'no-days-left':
      return team
        ? `No working days left: the team is ${text(need.gap)} short of ${target}.`
        : `No working days left: ${text(need.gap)} short of ${target}.`
    case 'one-more': {
      const when = need.days === 1 ? 'last working day' : `${need.days} working days left`
      return `${team ? `For the team to reach ${target}` : `To reach ${target}`}: 1 more in the ${when}.`
    }
    default: {
      const rate =
        need.kind === 'per-day'
          ? `${text(need.amount)} more per working day`
          : `1 more every ${need.every === 1 ? 'working day' : `${need.every} working days`}`
      const lead = team ? `For the team to reach ${target}` : `To reach ${target}`
      return `${lead}: ${rate} (${text(need.need)} still needed, ${days(need.days, 'en')} left).`
    }
  }
}

/** The renderers' fixed words. */
export const DIGEST_WORDS = {
  en: {
    changes: 'Changed since your last digest',
    changesForChannel: 'Changed since the last digest',
    was: 'was',
    value: 'Value',
    target: 'Target',
    status: 'Status',
    noValue: '—',
    noTarget: 'no target',
    openKpi: 'Details',
    openDashboard: 'Open the dashboard',
    empty: 'Nothing to report yet: no targets and no figures for this period.',
    more: (n: number) => `… and ${n} more on the dashboard`,
    ofTarget: (value: string, target: string) => `${value} of ${target}`,
    hello: (name: string) => `Hello ${name},`,
  },
  nl: {
    changes: 'Veranderd sinds je vorige overzicht',
    changesForChannel: 'Veranderd sinds het vorige overzicht',
    was: 'was',
    value: 'Waarde',
    target: 'Doel',
    status: 'Status',
    noValue: '—',
    noTarget: 'geen doel',
    openKpi: 'Details',
    openDashboard: 'Open het dashboard',
    empty: 'Nog niets te melden: geen doelen en geen cijfers voor deze periode.',
    more: (n: number) => `… en nog ${n} op het dashboard`,
    ofTarget: (value: string, target: string) => `${value} van ${target}`,
    hello: (name: string) => `Hallo ${name},`,
  },
} as const

/** Why this digest arrived and where to change or stop it (the footer of every channel). */
export function footerLine(kind: DigestKind, organizationName: string, locale: Locale): string {
  if (locale === 'nl') {
    if (!kind.forPerson)
      return `Dit kanaal ontvangt ${kind.frequency === 'daily' ? 'het dagelijkse' : kind.frequency === 'weekly' ? 'het wekelijkse' : 'dit'} overzicht van ${organizationName}, ingesteld door een beheerder.`
    if (kind.frequency === 'manual')
      return `Dit overzicht is op verzoek verstuurd, buiten je vaste schema om. Je instellingen voor overzichten bij ${organizationName} wijzigen of ze stoppen:`
    return `Je ontvangt dit ${kind.frequency === 'daily' ? 'dagelijkse' : 'wekelijkse'} overzicht volgens je instellingen bij ${organizationName}. Wijzigen of stoppen:`
  }
  if (!kind.forPerson)
    return `This channel receives ${kind.frequency === 'manual' ? 'this' : `the ${kind.frequency}`} digest of ${organizationName}, set up by an administrator.`
  if (kind.frequency === 'manual')
    return `This digest was sent on request, outside your schedule. Change or stop your digests at ${organizationName}:`
  return `You receive this ${kind.frequency} digest because of your settings at ${organizationName}. Change or stop it:`
}
