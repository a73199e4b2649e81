import { Link } from '@tanstack/react-router'
import { useEffect, useId, useRef, useState } from 'react'
import type { KeyboardEvent as ReactKeyboardEvent } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { Role } from '../../lib/session/roles.ts'
import { LanguageSwitch } from './LanguageSwitch.tsx'

export type ShellUser = {
  name: string
  email: string
  role: Role
  /** The team a rep sells in; null for people in none. */
  team: string | null
  /** The teams a manager manages (empty for others). */
  managedTeams: string[]
  organization: string
}

const ROLE_LABEL = {
  admin: 'userMenu.role.admin',
  manager: 'userMenu.role.manager',
  rep: 'userMenu.role.rep',
} as const

/**
 * Who is signed in, their links and Sign out, behind one button (a disclosure: a button that opens a panel, the
 * WAI-ARIA pattern for navigation menus). Esc and a click outside close it; Esc gives focus back to the button.
 */
export function UserMenu({ user, onSignOut }: { user: ShellUser; onSignOut: () => void }) {
  const t = useT()
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const toggleRef = useRef<HTMLButtonElement>(null)
  const panelId = useId()

  useEffect(() => {
    if (!open) return
    const closeOutside = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', closeOutside)
    return () => document.removeEventListener('pointerdown', closeOutside)
  }, [open])

  const onKeyDown = (event: ReactKeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return
    event.stopPropagation()
    setOpen(false)
    toggleRef.current?.focus()
  }
  // Leaving the menu with Tab closes it, so an open panel never hides the page behind it.
  const onBlur = (event: React.FocusEvent) => {
    if (!rootRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false)
  }

  return (
    <div className="user-menu" ref={rootRef} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={toggleRef}
        type="button"
        className="user-menu-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('userMenu.open', { name: user.name })}
        onClick={() => setOpen((was) => !was)}
      >
        <span className="user-menu-initials" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="user-menu-name">{user.name}</span>
        <svg viewBox="0 0 10 6" width="10" height="6" aria-hidden="true">
          <path d="M1 1l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <div className="user-menu-who">
          <p className="user-menu-who-name">{t('nav.signedInAs', { name: user.name })}</p>
          <p>{user.email}</p>
          <p>
            {t(ROLE_LABEL[user.role])} · {teamLine(user, t)}
          </p>
        </div>
        <ul className="user-menu-links">
          <li>
            <Link to="/me/security" onClick={() => setOpen(false)}>
              {t('userMenu.security')}
            </Link>
          </li>
          <li>
            <Link to="/me/digest" onClick={() => setOpen(false)}>
              {t('userMenu.digest')}
            </Link>
          </li>
          {user.role === 'admin' && (
            <li>
              <Link to="/admin" hash="settings" onClick={() => setOpen(false)}>
                {t('userMenu.settings')}
              </Link>
            </li>
          )}
        </ul>
        <div className="user-menu-language">
          <span>{t('language.label')}</span>
          <LanguageSwitch signedIn />
        </div>
        <button type="button" className="user-menu-sign-out" onClick={onSignOut}>
          {t('nav.logout')}
        </button>
      </div>
    </div>
  )
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/)
  const first = parts[0]?.[0] ?? '?'
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : ''
  return (first + last).toUpperCase()
}

function teamLine(user: ShellUser, t: ReturnType<typeof useT>): string {
  if (user.role === 'manager' && user.managedTeams.length > 0)
    return t('userMenu.manages', { teams: user.managedTeams.join(', ') })
  if (user.team) return t('userMenu.team', { team: user.team })
  return user.organization
}
