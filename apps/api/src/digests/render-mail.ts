/**
 * A digest as an e-mail: plain text that reads well on its own, and HTML for common mail clients — tables and
 * inline styles only (no <style>, no scripts, no external images or fonts), at most 600 px wide, dark text on
 * light backgrounds (≥ 4.5:1). Each KPI: name (a link to its detail), value of target, a status chip (symbol +
 * label; the tint is decoration), a progress bar of nested table cells with widths in %, and the pace line.
 */
import type { Status } from '@kpi/domain/status'
import { escapeHtml, type RenderedMail } from '../mail/render.ts'
import type { DigestContent, DigestKpi } from './content.ts'
import { DIGEST_WORDS } from './words.ts'

/** The web's status chip colours (gauge-status.ts): dark text on a light tint, ≥ 7:1; the bar is decoration. */
const CHIP: Record<Status, { text: string; tint: string; bar: string }> = {
  green: { text: '#14532d', tint: '#e3f4ea', bar: '#2f9e62' },
  orange: { text: '#7a3e00', tint: '#fdf0dc', bar: '#e8890c' },
  red: { text: '#8f1d1d', tint: '#fde6e6', bar: '#d64545' },
  'no-target': { text: '#39424e', tint: '#eceff3', bar: '#a3adb9' },
  'no-data': { text: '#39424e', tint: '#eceff3', bar: '#c4cbd4' },
  'not-started': { text: '#33415c', tint: '#e8eef7', bar: '#b9c6d8' },
}

const INK = '#1f2933'
const MUTED = '#52606d' // 6.3:1 on white
const LINK = '#1d4ed8'

export function renderDigestMail(content: DigestContent): RenderedMail {
  return { subject: content.subject, text: digestText(content), html: digestHtml(content) }
}

const status = (kpi: DigestKpi) => `${kpi.statusSymbol} ${kpi.statusLabel}`
const was = (kpi: DigestKpi, locale: DigestContent['locale']) =>
  kpi.changedFrom ? ` (${DIGEST_WORDS[locale].was} ${kpi.changedFrom.label})` : ''
const figure = (kpi: DigestKpi, locale: DigestContent['locale']) => {
  const words = DIGEST_WORDS[locale]
  const value = kpi.value ?? words.noValue
  return kpi.target === null ? value : words.ofTarget(value, kpi.target)
}
const percent = (progress: number, locale: DigestContent['locale']) =>
  new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(
    progress,
  )

function digestText(content: DigestContent): string {
  const words = DIGEST_WORDS[content.locale]
  const lines = [content.subject, content.intro, '']
  if (content.recipientName !== null) lines.push(words.hello(content.recipientName), '')
  if (content.empty) lines.push(words.empty, '')
  if (content.changes.length > 0) {
    lines.push(content.recipientName === null ? words.changesForChannel : words.changes)
    for (const kpi of content.changes) lines.push(`- ${kpi.name}: ${status(kpi)}${was(kpi, content.locale)}`)
    lines.push('')
  }
  for (const area of content.areas) {
    lines.push(area.name.toUpperCase())
    for (const kpi of area.kpis) {
      const share = kpi.progress === null ? '' : ` (${percent(kpi.progress, content.locale)})`
      lines.push(`- ${kpi.name}: ${figure(kpi, content.locale)}${share} — ${status(kpi)}${was(kpi, content.locale)}`)
      if (kpi.pace) lines.push(`  ${kpi.pace}`)
      lines.push(`  ${words.openKpi}: ${kpi.url}`)
    }
    lines.push('')
  }
  lines.push(`${words.openDashboard}: ${content.dashboardUrl}`, '', '-- ', content.footer)
  lines.push(content.settingsUrl, '')
  return lines.join('\n')
}

function digestHtml(content: DigestContent): string {
  const words = DIGEST_WORDS[content.locale]
  const e = escapeHtml
  const p = (text: string, style = `margin:0 0 12px;color:${INK}`) => `<p style="${style}">${e(text)}</p>`
  const link = (url: string, text: string) => `<a href="${e(url)}" style="color:${LINK}">${e(text)}</a>`
  const chip = (kpi: DigestKpi) => {
    const c = CHIP[kpi.status]
    return `<span style="display:inline-block;padding:2px 8px;border-radius:10px;background:${c.tint};color:${c.text};font-size:13px;font-weight:bold;white-space:nowrap">${e(status(kpi))}</span>`
  }
  const changes =
    content.changes.length === 0
      ? ''
      : `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 20px;border:1px solid #cbd2d9;border-radius:6px;background:#f8fafc">
<tr><td style="padding:12px 16px">
<p style="margin:0 0 8px;font-weight:bold;color:${INK}">${e(content.recipientName === null ? words.changesForChannel : words.changes)}</p>
${content.changes
  .map(
    (kpi) =>
      `<p style="margin:0 0 6px;color:${INK}">${link(kpi.url, kpi.name)}: ${chip(kpi)} <span style="color:${MUTED};font-size:13px">${e(was(kpi, content.locale).trim())}</span></p>`,
  )
  .join('\n')}
</td></tr></table>`
  const bar = (kpi: DigestKpi) => {
    if (kpi.progress === null) return ''
    const filled = Math.round(Math.min(1, Math.max(0, kpi.progress)) * 100)
    const cells = [
      filled > 0
        ? `<td width="${filled}%" style="background:${CHIP[kpi.status].bar};height:8px;font-size:0;line-height:0">&nbsp;</td>`
        : '',
      filled < 100
        ? `<td width="${100 - filled}%" style="background:#e4e7eb;height:8px;font-size:0;line-height:0">&nbsp;</td>`
        : '',
    ].join('')
    return `<tr><td colspan="2" style="padding:4px 0 0"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-radius:4px"><tr>${cells}</tr></table></td></tr>`
  }
  const row = (kpi: DigestKpi) => {
    const share = kpi.progress === null ? '' : ` (${percent(kpi.progress, content.locale)})`
    return `<tr><td style="padding:10px 0;border-top:1px solid #e4e7eb">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0">
<tr><td style="color:${INK};font-weight:bold">${link(kpi.url, kpi.name)}</td><td align="right" style="white-space:nowrap">${chip(kpi)}</td></tr>
<tr><td colspan="2" style="color:${INK};padding:2px 0 0">${e(figure(kpi, content.locale) + share)}${kpi.changedFrom ? ` <span style="color:${MUTED};font-size:13px">${e(was(kpi, content.locale).trim())}</span>` : ''}</td></tr>
${bar(kpi)}
${kpi.pace ? `<tr><td colspan="2" style="padding:4px 0 0;color:${MUTED};font-size:14px">${e(kpi.pace)}</td></tr>` : ''}
</table></td></tr>`
  }
  const areas = content.areas
    .map(
      (area) => `<h2 style="margin:20px 0 4px;font-size:17px;color:${INK}">${e(area.name)}</h2>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0">
${area.kpis.map(row).join('\n')}
</table>`,
    )
    .join('\n')
  const dashboard = e(content.dashboardUrl)
  return `<!doctype html>
<html lang="${content.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(content.subject)}</title></head>
<body style="margin:0;padding:24px 8px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:${INK}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:8px">
<tr><td style="padding:24px">
${p(content.organizationName, `margin:0 0 4px;font-size:13px;color:${MUTED}`)}
<h1 style="margin:0 0 6px;font-size:21px;line-height:1.3;color:${INK}">${e(content.subject)}</h1>
${p(content.intro, `margin:0 0 20px;font-size:14px;color:${MUTED}`)}
${content.recipientName !== null ? p(words.hello(content.recipientName)) : ''}
${content.empty ? p(words.empty) : ''}
${changes}
${areas}
<p style="margin:24px 0 8px"><a href="${dashboard}" style="display:inline-block;background:${LINK};color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:bold">${e(words.openDashboard)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:${MUTED}">${e(words.openDashboard)}: <a href="${dashboard}" style="color:${LINK};word-break:break-all">${dashboard}</a></p>
<p style="margin:16px 0 0;padding-top:12px;border-top:1px solid #e4e7eb;font-size:13px;color:${MUTED}">${e(content.footer)} <a href="${e(content.settingsUrl)}" style="color:${LINK};word-break:break-all">${e(content.settingsUrl)}</a></p>
</td></tr></table>
</td></tr></table>
</body></html>
`
}
