import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import { Link } from '../../router.tsx'
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
        {/* An SVG, not the emoji: kiosk/TV browsers often lack an emoji font. */}
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path
            d="M6 17V11a6 6 0 0 1 12 0v6l2 2H4l2-2Zm4 3a2 2 0 0 0 4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
          />
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
                    to={item.link}
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
