import { Link, useLocation } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { RouteAnnouncer } from './RouteAnnouncer.tsx'
import { UserMenu } from './UserMenu.tsx'
import type { ShellUser } from './UserMenu.tsx'
import './app-shell.css'
import type { Role } from '../../lib/session/roles.ts'

// Which entry is current: the Dashboard on KPI detail pages too, Admin on the import page. The router marks
// only the exact path by itself (activeOptions), the rest is said here.
const NAV: {
  to: '/' | '/my-targets' | '/admin' | '/team' | '/me/security'
  label: MessageKey
  current: (path: string) => boolean
  roles?: Role[]
  /** Also in the user menu: left out of the phone's one row of entries, which has room for four. */
  inUserMenu?: true
}[] = [
  { to: '/', label: 'nav.dashboard', current: (path) => path === '/' || path.startsWith('/kpi/') },
  { to: '/my-targets', label: 'nav.myTargets', current: (path) => path === '/my-targets' },
  { to: '/admin', label: 'nav.admin', current: (path) => path.startsWith('/admin'), roles: ['admin'] },
  { to: '/team', label: 'nav.team', current: (path) => path === '/team', roles: ['manager'] },
  { to: '/me/security', label: 'nav.security', current: (path) => path === '/me/security', inUserMenu: true },
]
const EXACT = { exact: true, includeSearch: false }

/**
 * Header with brand, main navigation, a slot for the notification bell and the user menu (who is signed in, the
 * language, Sign out); signed out (login, public pages) only the language switch.
 */
export function AppShell(props: {
  children: ReactNode
  bell?: ReactNode
  /** The signed-in user; without one (login page) the navigation is hidden. */
  user?: ShellUser
  onSignOut?: () => void
}) {
  const { children, bell, user, onSignOut } = props
  const t = useT()
  const pathname = useLocation({ select: (location) => location.pathname })
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="shell-header">
        <div className="shell-header-inner">
          <Link to="/" className="shell-brand" activeOptions={EXACT}>
            <svg viewBox="0 0 32 20" width="28" height="18" aria-hidden="true">
              <path d="M3 18a13 13 0 0 1 26 0" fill="none" stroke="currentColor" strokeWidth="4" />
              <path d="M16 18 22 8" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
            </svg>
            <span>{t('app.name')}</span>
          </Link>
          {user && (
            <nav className="shell-nav" aria-label={t('nav.label')}>
              {NAV.filter((item) => !item.roles || item.roles.includes(user.role)).map((item) => (
                <Link
                  key={item.to}
                  to={item.to}
                  activeOptions={EXACT}
                  aria-current={item.current(pathname) ? 'page' : undefined}
                  className={item.inUserMenu ? 'shell-nav-in-menu' : undefined}
                >
                  {t(item.label)}
                </Link>
              ))}
            </nav>
          )}
          <div className="shell-tools">
            <div className="shell-bell" data-slot="notifications">
              {bell}
            </div>
            {user && onSignOut ? <UserMenu user={user} onSignOut={onSignOut} /> : <LanguageSwitch signedIn={false} />}
          </div>
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        {children}
      </main>
      <RouteAnnouncer />
    </div>
  )
}
