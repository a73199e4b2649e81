import type pg from 'pg'
import { notificationLink, notificationText } from '../../alerts/notification-text.ts'
import type { Locale } from '../../kpi/kpi-card.ts'

export const PAGE_SIZE = 20

type Row = {
  id: string
  kpi_key: string
  scope_key: string
  period_type: string
  period_label: string
  period_start: string
  from_status: string
  to_status: string
  value: number | null
  created_at: Date
  read_at: Date | null
  scope_name: string | null
}

/** A user's own notifications, newest first, with the scope's current name for the text. */
export async function listNotifications(
  pool: pg.Pool,
  userId: number,
  { unread, page, locale }: { unread: boolean; page: number; locale: Locale },
) {
  const { rows } = await pool.query<Row>(
    `SELECT n.id::text, n.kpi_key, n.scope_key, lower(n.period_type::text) AS period_type, n.period_label,
            n.period_start::text, n.from_status, n.to_status, n.value, n.created_at, n.read_at,
            CASE split_part(n.scope_key, ':', 1)
              WHEN 'org' THEN o.name
              WHEN 'team' THEN (SELECT name FROM teams WHERE id = split_part(n.scope_key, ':', 2)::int)
              WHEN 'rep' THEN (SELECT name FROM users WHERE id = split_part(n.scope_key, ':', 2)::int)
            END AS scope_name
       FROM notifications n JOIN organizations o ON o.id = n.organization_id
      WHERE n.user_id = $1 AND ($2::boolean IS FALSE OR n.read_at IS NULL)
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT $3 OFFSET $4`,
    [userId, unread, PAGE_SIZE, (page - 1) * PAGE_SIZE],
  )
  const counts = await pool.query<{ total: number; unread: number }>(
    `SELECT count(*) FILTER (WHERE $2::boolean IS FALSE OR read_at IS NULL)::int AS total,
            count(*) FILTER (WHERE read_at IS NULL)::int AS unread
       FROM notifications WHERE user_id = $1`,
    [userId, unread],
  )
  return {
    items: rows.map((r) => ({
      id: r.id,
      kpiKey: r.kpi_key,
      scope: r.scope_key,
      period: { type: r.period_type, label: r.period_label, startDate: r.period_start },
      from: r.from_status,
      to: r.to_status,
      value: r.value,
      text: notificationText(
        r.kpi_key,
        r.scope_name ?? r.scope_key,
        r.to_status,
        { type: r.period_type, label: r.period_label, startDate: r.period_start },
        locale,
      ),
      link: notificationLink(r.kpi_key, r.scope_key, r.period_type, r.period_start),
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
    page,
    pageSize: PAGE_SIZE,
    total: counts.rows[0]?.total ?? 0,
    unreadCount: counts.rows[0]?.unread ?? 0,
    // This process's clock, the one the alert detector stamps created_at with (alerts/scheduler.ts): a client says
    // "2 hours ago" from it, not from its own clock, which may be off by minutes or days.
    now: new Date().toISOString(),
  }
}

export async function unreadCount(pool: pg.Pool, userId: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  )
  return rows[0]?.n ?? 0
}

/** Marks one (id) or all of the user's unread notifications read; returns how many it touched, or null when
 * `id` is not one of theirs (someone else's notification is "not found", not "forbidden"). */
export async function markRead(pool: pg.Pool, userId: number, id: string | null, now: Date): Promise<number | null> {
  if (id !== null) {
    const { rows } = await pool.query<{ read: boolean }>(
      `UPDATE notifications SET read_at = coalesce(read_at, $3) WHERE id = $1::bigint AND user_id = $2
       RETURNING TRUE AS read`,
      [id, userId, now],
    )
    return rows.length === 0 ? null : 1
  }
  const { rowCount } = await pool.query(
    'UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL',
    [userId, now],
  )
  return rowCount ?? 0
}
