import { useId, type ReactNode } from 'react'
import './auth-card.css'

type Props = {
  title: ReactNode
  /** Makes the card a form; the browser's own submit is prevented. */
  onSubmit?: () => void
  /** The form checks its inputs itself (messages under each input) instead of the browser's bubbles. */
  noValidate?: boolean
  /** Setup asks for two fieldsets' worth: a wider card. */
  wide?: boolean
  /** The page's own class, for what only that page styles. */
  className?: string
  children: ReactNode
}

/**
 * The centred card of every page shown without a session: sign in, forgot and reset password, accept an
 * invitation, first-run setup. One look, so the person knows they are still in the same product.
 */
export function AuthCard({ title, onSubmit, noValidate, wide = false, className, children }: Props) {
  const titleId = useId()
  const cardClass = ['auth-card', wide ? 'auth-card--wide' : '', className ?? ''].filter(Boolean).join(' ')
  const heading = <h1 id={titleId}>{title}</h1>
  return (
    <div className="auth-page">
      {onSubmit ? (
        <form
          className={cardClass}
          aria-labelledby={titleId}
          noValidate={noValidate}
          onSubmit={(e) => {
            e.preventDefault()
            onSubmit()
          }}
        >
          {heading}
          {children}
        </form>
      ) : (
        <div className={cardClass}>
          {heading}
          {children}
        </div>
      )}
    </div>
  )
}
