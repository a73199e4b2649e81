/**
 * A customer is acquired at its first won deal (earliest closed_at, ties: lowest id), organisation-wide,
 * whoever owns it. customers.acquired_at is an imported convenience column; the KPIs follow the deals.
 *
 * The fragment is a LATERAL subquery per customer, an index-only probe on deals (customer_id, status, closed_at,
 * id, organization_id) that already returns the tie order, so a statement reads
 * only the customers it aggregates instead of every won deal of the organisation: a dashboard's cost then
 * follows the rows in its periods, not the size of the whole history. `onlyWhen`, a condition on the outer row,
 * becomes a one-time filter that skips the probe (lost deals need no acquisition).
 *
 * The organisation check is written "organization_id + 0" so it stays a filter: as a plain column the planner,
 * on row estimates of 1 (fresh or unanalysed tables), probed deals (organization_id, status, closed_at) instead
 * and walked all the organisation's won deals per customer (~800 rows per probe on the demo data).
 */
export const firstWonDeal = (customerId: string, onlyWhen = 'TRUE', organization = '$1') => `(
  SELECT e.id, e.closed_at FROM deals e
  WHERE ${onlyWhen} AND e.customer_id = ${customerId} AND e.organization_id + 0 = ${organization} AND e.status = 'WON'
    AND e.closed_at IS NOT NULL
  ORDER BY e.closed_at, e.id LIMIT 1
)`

/** A customer's acquisition as two SQL expressions: its first won deal's id and closed_at (NULL for a prospect). */
export type Acquisition = { id: string; closedAt: string }

/** The acquisition from `CROSS JOIN LATERAL ${firstWonDeal(…)} a` (aggregate statements). */
export const JOINED_ACQUISITION: Acquisition = { id: 'a.id', closedAt: 'a.closed_at' }

/** The acquisition as scalar subqueries, for a WHERE without the lateral join (records lists). */
export function acquisitionOf(customerId: string, organization: string): Acquisition {
  const probe = (column: string) =>
    `(SELECT first.${column} FROM ${firstWonDeal(customerId, 'TRUE', organization)} first)`
  return { id: probe('id'), closedAt: probe('closed_at') }
}
