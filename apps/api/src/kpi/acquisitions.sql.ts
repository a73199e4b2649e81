/**
 * A customer is acquired at its first won deal (earliest closed_at, ties: lowest id), organisation-wide,
 * whoever owns it. customers.acquired_at is an imported convenience column; the KPIs follow the deals.
 * The CTE is named `acq` (customer_id, id, owner_id, team_id, closed_at); it reads the won deals of one
 * organisation through deals_organization_id_status_closed_at_idx. MATERIALIZED: computed once per statement,
 * not once per span (PostgreSQL would otherwise inline it into each LATERAL).
 */
export const ACQUISITION_CTE = `acq AS MATERIALIZED (
  SELECT DISTINCT ON (customer_id) customer_id, id, owner_id, team_id, closed_at
  FROM deals
  WHERE organization_id = $1 AND status = 'WON' AND customer_id IS NOT NULL AND closed_at IS NOT NULL
  ORDER BY customer_id, closed_at, id
)`
