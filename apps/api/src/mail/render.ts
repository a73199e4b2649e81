/**
 * One look for every e-mail we send: a plain-text part and an HTML part that renders in common mail clients
 * (tables and inline styles, no scripts, no external images or fonts), with one action button whose link is also
 * written out (some clients block buttons; people copy links). Callers pass text already in the recipient's
 * language; everything is escaped here.
 */
export type MailContent = {
  subject: string
  /** e.g. "Hello Anna," */
  greeting: string
  paragraphs: string[]
  action: { label: string; url: string }
  /** Small print under the button, e.g. how long the link works and what to do if it was not you. */
  footer: string[]
  /** The product's name as signature, e.g. the organisation's name. */
  signature: string
}

export type RenderedMail = { subject: string; text: string; html: string }

export function renderMail(content: MailContent): RenderedMail {
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
    `${content.action.label}: ${content.action.url}`,
    '',
    ...content.footer,
    '',
    '— ',
    content.signature,
    '',
  ].join('\n')
  const p = (value: string, style = 'margin:0 0 16px') => `<p style="${style}">${escapeHtml(value)}</p>`
  const url = escapeHtml(content.action.url)
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;padding:24px">
<tr><td>
${p(content.greeting)}
${content.paragraphs.map((paragraph) => p(paragraph)).join('\n')}
<p style="margin:24px 0"><a href="${url}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:bold">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#52606d">${escapeHtml(content.action.label)}: <a href="${url}" style="color:#1d4ed8;word-break:break-all">${url}</a></p>
${content.footer.map((line) => p(line, 'margin:0 0 8px;font-size:13px;color:#52606d')).join('\n')}
${p(`— ${content.signature}`, 'margin:16px 0 0;font-size:13px;color:#52606d')}
</td></tr></table>
</td></tr></table>
</body></html>
`
  return { subject: content.subject, text, html }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char)
}
