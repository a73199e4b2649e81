import { useForm } from '@tanstack/react-form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useT } from '../../i18n/i18n.tsx'
import { dashboardKeys } from '../../lib/figures/dashboard.queries.ts'
import { ACTIVITY_TYPES, activityKeys, deleteActivity, logActivity } from './activities.queries.ts'
import type { ActivityType } from './activities.queries.ts'
import { codeLabel } from '../../i18n/code-labels.ts'

/**
 * "Log activity": one click records a call (the most frequent), meeting, … now, for the signed-in person; the
 * answer offers "Undo" for a click by mistake. Every gauge and the recent list may include it: both refetch.
 */
export function LogActivity({ userId }: { userId: number }) {
  const t = useT()
  const queryClient = useQueryClient()
  const refetch = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: dashboardKeys.root }),
      queryClient.invalidateQueries({ queryKey: activityKeys.root }),
    ])
  const log = useMutation({ mutationFn: (type: ActivityType) => logActivity(userId, type), onSuccess: refetch })
  const undo = useMutation({ mutationFn: (id: number) => deleteActivity(id), onSuccess: refetch })
  const form = useForm({
    defaultValues: { type: 'CALL' as ActivityType },
    // A failure is shown from the mutation's error; the promise must not reject out of the submit handler.
    onSubmit: ({ value }) => {
      undo.reset()
      return log.mutateAsync(value.type).catch(() => undefined)
    },
  })
  const logged = log.data
  const statusText = () => {
    if (undo.isError) return undo.error.message
    if (log.isError) return log.error.message
    if (undo.isSuccess && logged) return t('myTargets.undone', { type: codeLabel(t, 'activityType', logged.type) })
    return log.isSuccess ? t('myTargets.logged') : ''
  }
  return (
    <form
      className="figure-controls"
      aria-label={t('myTargets.log')}
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <form.Field name="type">
        {(field) => (
          <label>
            {t('myTargets.logType')}
            <select
              aria-label={t('myTargets.logType')}
              value={field.state.value}
              onChange={(e) => field.handleChange(e.target.value as ActivityType)}
            >
              {ACTIVITY_TYPES.map((value) => (
                <option key={value} value={value}>
                  {codeLabel(t, 'activityType', value)}
                </option>
              ))}
            </select>
          </label>
        )}
      </form.Field>
      <button type="submit" disabled={log.isPending}>
        {t('myTargets.log')}
      </button>
      <span role="status">{statusText()}</span>
      {logged && log.isSuccess && !undo.isSuccess && (
        <button type="button" disabled={undo.isPending} onClick={() => undo.mutate(logged.id)}>
          {t('myTargets.undo')}
        </button>
      )}
    </form>
  )
}
