import { useForm } from '@tanstack/react-form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useT } from '../../i18n/i18n.tsx'
import { dashboardKeys } from '../../lib/figures/dashboard.queries.ts'
import { ACTIVITY_TYPES, logActivity } from './activities.queries.ts'
import type { ActivityType } from './activities.queries.ts'
import { codeLabel } from '../../i18n/code-labels.ts'

/** "Log activity": one click records a meeting, call, … now, for the signed-in rep. */
export function LogActivity({ userId }: { userId: number }) {
  const t = useT()
  const queryClient = useQueryClient()
  const mutation = useMutation({
    mutationFn: (type: ActivityType) => logActivity(userId, type),
    // Every dashboard and gauge may include this activity: refetch them all.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dashboardKeys.root }),
  })
  const form = useForm({
    defaultValues: { type: 'MEETING' as ActivityType },
    // A failure is shown from mutation.error; the promise must not reject out of the submit handler.
    onSubmit: ({ value }) => mutation.mutateAsync(value.type).catch(() => undefined),
  })
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
      <button type="submit" disabled={mutation.isPending}>
        {t('myTargets.log')}
      </button>
      <span role="status">
        {mutation.isSuccess ? t('myTargets.logged') : mutation.isError ? mutation.error.message : ''}
      </span>
    </form>
  )
}
