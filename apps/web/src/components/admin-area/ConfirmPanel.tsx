import { useEffect, useId, useRef } from 'react'

/**
 * Says what an irreversible admin action does before it happens (delete a webhook, reset someone's two-factor
 * codes). Focus starts on "Cancel", the harmless choice; Escape cancels too.
 */
export function ConfirmPanel(props: {
  title: string
  text: string
  confirmLabel: string
  cancelLabel: string
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const id = useId()
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  return (
    <div
      className="panel confirm-panel"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel()
      }}
    >
      <p id={`${id}-title`}>
        <strong>{props.title}</strong>
      </p>
      <p id={`${id}-text`}>{props.text}</p>
      <button type="button" disabled={props.busy} onClick={props.onConfirm}>
        {props.confirmLabel}
      </button>{' '}
      <button type="button" ref={cancel} onClick={props.onCancel}>
        {props.cancelLabel}
      </button>
    </div>
  )
}
