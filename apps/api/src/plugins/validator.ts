import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod'
import type { $ZodType } from 'zod/v4/core'
import { NUL_MESSAGE } from '@kpi/contract/text'
import { findNul } from './find-nul.ts'

/**
 * The zod validator with one check in front: no string in params, query or body may hold U+0000 (see
 * @kpi/contract/text). Here rather than in each schema, so a route added tomorrow cannot forget it.
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> = (route) => {
  const validate = zodValidatorCompiler(route)
  return (data) => {
    const path = findNul(data)
    if (path === undefined) return validate(data)
    const issue: FastifySchemaValidationError = {
      keyword: 'nul',
      instancePath: `/${path.join('/')}`,
      schemaPath: '#',
      params: {},
      message: NUL_MESSAGE,
    }
    return { error: [issue] }
  }
}
