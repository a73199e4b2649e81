import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { formatDateTime, formatTimeAgo } from '../../i18n/format.ts'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import { Link } from '@tanstack/react-router'
import { markAllRead, markRead, notificationKeys, notificationsQuery } from './notifications.queries.ts'
import './notifications.css'

/**
 * Status changes, newest first, each linking to its KPI detail and saying when it happened. Read ones stay listed
 * (greyed) as the history; "Show earlier" pages back. Esc closes the panel and gives focus back to the bell.
 * Renders nothing while the API has no such route.
 */
export function NotificationBell() {
  const t = useT()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const bell = useRef<HTMLButtonElement>(null)
  const { locale } = useLocale()
  const query = useInfiniteQuery(notificationsQuery(locale))
  const invalidate = () => queryClient.invalidateQueries({ queryKey: notificationKeys.root })
  const read = useMutation({ mutationFn: markRead, onSuccess: invalidate })
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: invalidate })
  const pages = query.data?.pages
  const first = pages?.[0]
  if (!first) return null
  const items = pages.flatMap((page) => page?.items ?? [])
  // "2 hours ago" as of the last fetch (refreshed every minute), so rendering stays pure, and by the clock that
  // wrote the notifications (the answer's `now`): a browser's clock may be off by minutes or days.
  const nowMs = Date.parse(first.now)
  const close = () => {
    setOpen(false)
    bell.current?.focus()
  }
  return (
    <div
      className="bell"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation()
          close()
        }
      }}
    >
      <button
        ref={bell}
        type="button"
        aria-expanded={open}
        aria-label={t('bell.label', { count: first.unreadCount })}
        onClick={() => setOpen(!open)}
      >
        {/* An SVG, not the emoji: kiosk/TV browsers often lack an emoji font. A flared bell body over its
            clapper; the old straight-sided outline read as an empty box at 18 px. */}
        <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path
            d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9"
            fill="currentColor"
            fillOpacity="0.15"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
          <path d="M13.7 21a2 2 0 0 1-3.4 0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        {first.unreadCount > 0 && <span className="bell-count">{first.unreadCount}</span>}
      </button>
      {open && (
        <div className="bell-panel" role="region" aria-label={t('notifications.label')}>
          {items.length === 0 ? (
            <p>{t('bell.empty')}</p>
          ) : (
            <>
              {first.unreadCount > 0 && (
                <button type="button" className="bell-read-all" onClick={() => readAll.mutate()}>
                  {t('bell.readAll')}
                </button>
              )}
              <ul>
                {items.map((item) => (
                  <li key={item.id} data-read={item.readAt !== null}>
                    <Link
                      // The API's ready-made link: the router parses `href` (its `to` is only required by the type).
                      to="."
                      href={item.link}
                      onClick={() => {
                        if (item.readAt === null) read.mutate(item.id)
                        setOpen(false)
                      }}
                    >
                      {item.text}
                    </Link>
                    <time dateTime={item.createdAt} title={formatDateTime(locale, item.createdAt)}>
                      {formatTimeAgo(locale, item.createdAt, nowMs)}
                    </time>
                  </li>
                ))}
              </ul>
              {query.hasNextPage && (
                <button
                  type="button"
                  className="bell-more"
                  disabled={query.isFetchingNextPage}
                  onClick={() => void query.fetchNextPage()}
                >
                  {t('bell.earlier')}
                </button>
              )}
            </>
          )}
        </div>
      )}
    </div>
  )
}
