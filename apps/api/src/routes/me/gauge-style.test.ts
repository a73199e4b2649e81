import { describe, expect, test } from 'vitest'
import { tenantWithSessions, useApp } from '../settings/config-test-kit.ts'

// Gauges or bullet graphs (decision 0035): the organisation's default in /api/settings, a person's own choice
// through PATCH /api/me, both read back from GET /api/me, which the web app draws from.

const kit = useApp()

const me = async (headers: Record<string, string>) =>
  (await kit.app.inject({ url: '/api/me', headers })).json() as {
    organization: { gaugeStyle: string }
    preferences: { gaugeStyle: string | null }
  }

describe('gauge style', () => {
  test('the organisation default: gauges, and each person follows it until they choose', async () => {
    const { admin, rep } = await tenantWithSessions(kit)
    expect(await me(rep.headers)).toMatchObject({
      organization: { gaugeStyle: 'gauge' },
      preferences: { gaugeStyle: null },
    })
    const patch = await kit.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: admin.headers,
      payload: { gaugeStyle: 'bullet', version: 1 },
    })
    expect(patch.statusCode).toBe(200)
    expect(patch.json()).toMatchObject({ gaugeStyle: 'bullet', version: 2 })
    expect((await kit.app.inject({ url: '/api/settings', headers: rep.headers })).json()).toMatchObject({
      gaugeStyle: 'bullet',
    })
    expect(await me(rep.headers)).toMatchObject({
      organization: { gaugeStyle: 'bullet' },
      preferences: { gaugeStyle: null },
    })
  })

  test("a person's own choice is theirs alone, and null follows the organisation again", async () => {
    const { manager, rep } = await tenantWithSessions(kit)
    const own = await kit.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: rep.headers,
      payload: { gaugeStyle: 'bullet' },
    })
    expect(own.statusCode).toBe(200)
    expect(own.json()).toEqual({ locale: 'en', gaugeStyle: 'bullet' })
    expect((await me(rep.headers)).preferences).toEqual({ gaugeStyle: 'bullet' })
    expect((await me(manager.headers)).preferences).toEqual({ gaugeStyle: null })

    // Changing the language keeps the style, and the other way round.
    const locale = await kit.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: rep.headers,
      payload: { locale: 'nl' },
    })
    expect(locale.json()).toEqual({ locale: 'nl', gaugeStyle: 'bullet' })

    const reset = await kit.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: rep.headers,
      payload: { gaugeStyle: null },
    })
    expect(reset.json()).toEqual({ locale: 'nl', gaugeStyle: null })
    expect((await me(rep.headers)).preferences).toEqual({ gaugeStyle: null })
  })

  test.each([
    { payload: { gaugeStyle: 'pie' }, field: 'body.gaugeStyle' },
    { payload: { gaugeStyle: 1 }, field: 'body.gaugeStyle' },
    { payload: {}, field: 'body' },
  ])('PATCH /api/me with $payload → 400 naming $field', async ({ payload, field }) => {
    const { rep } = await tenantWithSessions(kit)
    const response = await kit.app.inject({ method: 'PATCH', url: '/api/me', headers: rep.headers, payload })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field })
  })

  test("a rep cannot change the organisation's default", async () => {
    const { rep } = await tenantWithSessions(kit)
    const response = await kit.app.inject({
      method: 'PATCH',
      url: '/api/settings',
      headers: rep.headers,
      payload: { gaugeStyle: 'bullet', version: 1 },
    })
    expect(response.statusCode).toBe(403)
  })
})
