import { useEffect } from 'react'

const APP_TITLE = 'Sales KPI dashboard'

/** The tab (and a bookmark, and the browser history) names the page: "Team North · Sales KPI dashboard". */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title === undefined) return
    document.title = `${title} · ${APP_TITLE}`
    return () => {
      document.title = APP_TITLE
    }
  }, [title])
}
