import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { Link, hrefFor } from '../../router.tsx'
import { LayoutSection } from './layout/LayoutSection.tsx'
import { SettingsSection } from './settings/SettingsSection.tsx'
import { TargetsSection } from './targets/TargetsSection.tsx'
import { ThresholdsSection } from './thresholds/ThresholdsSection.tsx'
import { UsersSection } from './users/UsersSection.tsx'
import '../../components/admin-area/admin.css'

const TABS = ['thresholds', 'layout', 'targets', 'users', 'settings'] as const
type Tab = (typeof TABS)[number]

const SECTIONS: Record<Tab, () => ReactNode> = {
  thresholds: () => <ThresholdsSection />,
  layout: () => <LayoutSection />,
  targets: () => <TargetsSection />,
  users: () => <UsersSection />,
  settings: () => <SettingsSection />,
}

// The tab lives in the URL hash: a link can open a section, and reload keeps it without touching the router.
const tabFromHash = (): Tab => {
  const hash = globalThis.location?.hash.slice(1) ?? ''
  return (TABS as readonly string[]).includes(hash) ? (hash as Tab) : 'thresholds'
}

/** Lazy-loaded: admin screens are heavy and only admins need them. Sub-navigation as a tab list. */
export default function AdminPage() {
  const t = useT()
  const [tab, setTab] = useState<Tab>(tabFromHash)
  useEffect(() => {
    const onHash = () => setTab(tabFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

  return (
    <div className="admin">
      <div className="page-head">
        <h1>{t('admin.title')}</h1>
      </div>
      <nav className="admin-nav" aria-label={t('admin.title')}>
        <ul>
          {TABS.map((name) => (
            <li key={name}>
              <a href={`#${name}`} aria-current={tab === name ? 'page' : undefined} onClick={() => setTab(name)}>
                {t(`admin.tab.${name}` as MessageKey)}
              </a>
            </li>
          ))}
          <li>
            <Link to={hrefFor({ name: 'import' })}>{t('admin.tab.import')}</Link>
          </li>
        </ul>
      </nav>
      <div className="admin-body">{SECTIONS[tab]()}</div>
    </div>
  )
}
