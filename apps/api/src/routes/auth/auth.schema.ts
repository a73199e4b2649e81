import { z } from 'zod'
import { SessionUser } from '../me/me.schema.ts'

export const LoginBody = z.object({
  email: z.email().max(254),
  // The cap stops a megabyte "password" from costing a megabyte of scrypt input.
  password: z.string().min(1).max(1024),
})

export const LoginResponse = z.object({ user: SessionUser })
