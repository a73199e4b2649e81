import type { AuthUser } from '../auth/auth-user.ts'

/** Who is asking: the signed-in user from the auth contract (`request.user`). */
export type Actor = Pick<AuthUser, 'id' | 'organizationId' | 'role' | 'teamId' | 'managedTeamIds'>
