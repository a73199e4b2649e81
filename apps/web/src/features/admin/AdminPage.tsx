import { Link, useLocation } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { useMe } from '../../lib/session/auth.queries.ts'
import { ADMIN_TABS_BY_ROLE, IMPORT_ROLES } from '../../lib/session/roles.ts'
import type { AdminTab } from '../../lib/session/roles.ts'
import { MailPanel } from './mail/MailPanel.tsx'
import { LayoutSection } from './layout/LayoutSection.tsx'
import { SettingsSection } from './settings/SettingsSection.tsx'
import { TargetsSection } from './targets/TargetsSection.tsx'
import { ThresholdsSection } from './thresholds/ThresholdsSection.tsx'
import { UsersSection } from './users/UsersSection.tsx'
import { WebhooksSection } from './webhooks/WebhooksSection.tsx'
import '../../components/admin-area/admin.css'

const SECTIONS: Record<AdminTab, () => ReactNode> = {
  thresholds: () => <ThresholdsSection />,
  layout: () => <LayoutSection />,
  targets: () => <TargetsSection />,
  users: () => (
    <>
      <UsersSection />
      <MailPanel />
    </>
  ),
  settings: () => <SettingsSection />,
  webhooks: () => <WebhooksSection />,
}

/** Lazy-loaded: admin screens are heavy and only admins need them. Sub-navigation as a tab list. */
export default function AdminPage() {
  const t = useT()
  const role = useMe()?.user.role ?? 'rep'
  // Only the sections whose saves the API accepts from this role (the route's guard already keeps reps out).
  const tabs: readonly AdminTab[] = ADMIN_TABS_BY_ROLE[role]
  // The tab lives in the URL hash (/admin#layout): a link can open a section, and reload keeps it.
  const hash = useLocation({ select: (location) => location.hash })
  const tab = tabs.find((name) => name === hash) ?? tabs[0]

  return (
    <div className="admin">
      <div className="page-head">
        <h1>{t('admin.title')}</h1>
      </div>
      <nav className="admin-nav" aria-label={t('admin.title')}>
        <ul>
          {tabs.map((name) => (
            <li key={name}>
              <Link
                to="/admin"
                hash={name}
                activeOptions={{ exact: true, includeHash: true }}
                aria-current={tab === name ? 'page' : undefined}
              >
                {t(`admin.tab.${name}` as MessageKey)}
              </Link>
            </li>
          ))}
          {role === 'admin' && (
            <li>
              <Link to="/admin/products">{t('admin.tab.products')}</Link>
            </li>
          )}
          {role === 'admin' && (
            <li>
              <Link to="/admin/digests">{t('admin.tab.digests')}</Link>
            </li>
          )}
          {IMPORT_ROLES.includes(role) && (
            <li>
              <Link to="/admin/import">{t('admin.tab.import')}</Link>
            </li>
          )}
        </ul>
      </nav>
      {tab && <div className="admin-body">{SECTIONS[tab]()}</div>}
    </div>
  )
}
