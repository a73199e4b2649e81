// A valid POST /api/setup body for the setup tests (an admin email in mixed case: it is stored lower-cased).
export const setupBody = (orgName = 'Acme Sales') => ({
  organization: { name: orgName, timeZone: 'America/New_York', currency: 'USD', fiscalYearStartMonth: 4 },
  admin: { name: 'Ada Admin', email: 'Ada@Acme.TEST', password: 'correct horse battery' },
})
