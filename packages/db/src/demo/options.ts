/** Everything that shapes the generated data set. Same options (including `today`) → the same rows. */
export interface DemoOptions {
  seed: number
  /** "Now": nothing is generated after this instant, except expected close dates of open deals. */
  today: Date
  /** Calendar months of history, the current (running) month included. */
  months: number
  teams: number
  /** Reps per team, inclusive range. */
  repsPerTeam: readonly [number, number]
  /** Customers already on the books when the history starts (acquired in the three years before). */
  initialCustomers: number
  /** Mean new leads per month before seasonality and growth. */
  leadsPerMonth: number
  /** Year-on-year growth of lead volume (0.15 = +15 %), so growth KPIs have something to show. */
  yearlyGrowth: number
  /** Share of leads that come from an existing customer's organisation (they become upsell/cross-sell deals). */
  existingCustomerLeadShare: number
  /** Upsell and cross-sell deals a customer starts per year without a lead (renewals come on top, yearly). */
  expansionDealsPerCustomerYear: number
  /** Account-management calls and emails per rep per working day, on top of those tied to the funnel. */
  accountActivitiesPerRepDay: number
  /**
   * Share of the simulated activities that are kept (1 = all). BENCH thins them to its 5 M target; sampling keeps
   * the mix and timing of what remains.
   */
  activitySampling: number
  /** Rows per emitted batch (and per INSERT). */
  batchSize: number
}

/** The data set loaded on first start: small enough to load in a few seconds, big enough to look real. */
export const DEMO = {
  seed: 20_240_601,
  months: 24,
  teams: 3,
  repsPerTeam: [4, 6],
  initialCustomers: 120,
  leadsPerMonth: 400,
  yearlyGrowth: 0.15,
  existingCustomerLeadShare: 0.15,
  expansionDealsPerCustomerYear: 2.5,
  accountActivitiesPerRepDay: 2,
  activitySampling: 1,
  batchSize: 5_000,
} as const satisfies Omit<DemoOptions, 'today'>

/** The benchmark data set (SPEC section 6): ≈ 1 M deals, 3 M leads, 5 M activities, 6 teams, 36 months. */
export const BENCH = {
  seed: 20_240_602,
  months: 36,
  teams: 6,
  repsPerTeam: [6, 7],
  initialCustomers: 5_000,
  leadsPerMonth: 85_000,
  yearlyGrowth: 0.1,
  existingCustomerLeadShare: 0.65,
  expansionDealsPerCustomerYear: 6,
  accountActivitiesPerRepDay: 0,
  activitySampling: 0.55,
  batchSize: 10_000,
} as const satisfies Omit<DemoOptions, 'today'>
