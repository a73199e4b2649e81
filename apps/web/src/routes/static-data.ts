// What a route may say about itself (TanStack Router's staticData), read by RootLayout.
declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /**
     * Opened without a session (first-run setup, an invitation, a password reset): RootLayout shows the page
     * itself instead of the login form, whoever is signed in.
     */
    public?: boolean
  }
}

export {}
