import { useEffect, useState } from 'react'
import { flushSync } from 'react-dom'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import { INTL_LOCALE } from '../../i18n/format.ts'

/**
 * Only on paper: whose figures these are, for which period, and when they were printed, so a sheet on a desk
 * still says what it shows. The time is taken again when printing starts, not when the page opened. The words are
 * drawn by CSS (`content: attr(data-text)`), not put in the document: on screen the line is not there at all, so
 * neither finding text on the page nor a test looking for "January 2020" meets a hidden copy of it.
 */
export function PrintHeader({ scope, period, timeZone }: { scope: string; period: string; timeZone: string }) {
  const t = useT()
  const { locale } = useLocale()
  const [printedAt, setPrintedAt] = useState(() => new Date())
  useEffect(() => {
    // Synchronously: the page is laid out for paper right after this event.
    const update = () => flushSync(() => setPrintedAt(new Date()))
    window.addEventListener('beforeprint', update)
    return () => window.removeEventListener('beforeprint', update)
  }, [])
  const printed = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(printedAt)
  return <p className="print-header" data-text={`${scope} · ${period} · ${t('print.printedAt', { when: printed })}`} />
}
