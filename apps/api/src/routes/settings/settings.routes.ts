import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { getHolidays, getSettings, replaceHolidays, timeZonePreview, updateSettings } from './settings.db.ts'
import {
  Holidays,
  HolidaysPut,
  Settings,
  SettingsPatch,
  TimeZonePreview,
  TimeZonePreviewQuery,
} from '@kpi/contract/settings'
import { handleVersionConflicts } from './version-conflict.ts'
import { versionConflictBody } from '@kpi/contract/errors'

const noStore = 'private, no-store'

/** Everyone signed in reads the settings (the web app needs zone and currency); admins alone change them. */
export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  handleVersionConflicts(app)

  app.get(
    '/settings',
    {
      schema: { summary: 'Organisation settings', tags: ['settings'], response: { 200: Settings } },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      return getSettings(app.store.prisma, request.user.organizationId)
    },
  )

  app.patch(
    '/settings',
    {
      schema: {
        summary: 'Change organisation settings (admin)',
        tags: ['settings'],
        body: SettingsPatch,
        response: { 200: Settings, 409: versionConflictBody(Settings) },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const actor = { organizationId: request.user.organizationId, actorId: request.user.id }
      return updateSettings(app.store.prisma, actor, request.body)
    },
  )

  app.get(
    '/settings/time-zone-preview',
    {
      schema: {
        summary: 'What a change of time zone would move (admin)',
        tags: ['settings'],
        querystring: TimeZonePreviewQuery,
        response: { 200: TimeZonePreview },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      return timeZonePreview(app.store.prisma, request.user.organizationId, request.query.timeZone)
    },
  )

  app.get(
    '/settings/holidays',
    {
      schema: { summary: 'Holidays (not working days)', tags: ['settings'], response: { 200: Holidays } },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      return getHolidays(app.store.prisma, request.user.organizationId)
    },
  )

  app.put(
    '/settings/holidays',
    {
      schema: {
        summary: 'Replace the holiday list (admin)',
        tags: ['settings'],
        body: HolidaysPut,
        response: { 200: Holidays, 409: versionConflictBody(Holidays) },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const actor = { organizationId: request.user.organizationId, actorId: request.user.id }
      return replaceHolidays(app.store.prisma, actor, request.body)
    },
  )
}
