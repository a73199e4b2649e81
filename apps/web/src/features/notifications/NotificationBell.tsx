import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import { Link } from '@tanstack/react-router'
import { markRead, notificationKeys, notificationsQuery } from './notifications.queries.ts'
import './notifications.css'

/** Unread status changes, each linking to its KPI detail; renders nothing while the API has no such route. */
export function NotificationBell() {
  const t = useT()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState(false)
  const { locale } = useLocale()
  const query = useQuery(notificationsQuery(locale))
  const read = useMutation({
    mutationFn: markRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.root }),
  })
  const data = query.data
  if (!data) return null
  const unread = data.items
  return (
    <div className="bell">
      <button
        type="button"
        aria-expanded={open}
        aria-label={t('bell.label', { count: data.unreadCount })}
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
        {data.unreadCount > 0 && <span className="bell-count">{data.unreadCount}</span>}
      </button>
      {open && (
        <div className="bell-panel">
          {unread.length === 0 ? (
            <p>{t('bell.empty')}</p>
          ) : (
            <ul>
              {unread.map((item) => (
                <li key={item.id}>
                  <Link
                    // The API's ready-made link: the router parses `href` (its `to` is only required by the type).
                    to="."
                    href={item.link}
                    onClick={() => {
                      read.mutate(item.id)
                      setOpen(false)
                    }}
                  >
                    {item.text}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
