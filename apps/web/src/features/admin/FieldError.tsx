/** The message under an input, linked to it by `aria-describedby={errorId}` (see `describedBy`). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null
}

/** The props that mark an input invalid and point a screen reader at its message. */
export const describedBy = (errorId: string, message: string | undefined) =>
  message ? { 'aria-invalid': true, 'aria-describedby': errorId } : { 'aria-invalid': false }
