import { useT } from '../../i18n/i18n.tsx'

/** A form's Save button (blocked while saving or while a 409 waits for "keep mine" / "use theirs") and its note. */
export function SaveActions({ blocked, saved }: { blocked: boolean; saved: boolean }) {
  const t = useT()
  return (
    <div className="form-actions">
      <button type="submit" disabled={blocked}>
        {t('admin.save')}
      </button>
      {saved && <span role="status">{t('admin.saved')}</span>}
    </div>
  )
}
