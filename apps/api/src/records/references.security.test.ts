import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordTestKit } from './record-test-kit.ts'

// Issue 14 F3: a record may only point at records its writer can see. A reference to another team's (or
// another organisation's) lead, deal or customer gets exactly the answer a missing id gets, so the status
// is no oracle for which ids exist — and nobody changes another team's figures through a reference
// (an activity on their lead moves their activity.response_hours).

let kit: Awaited<ReturnType<typeof recordTestKit>>
type Owner = 'rep1a' | 'rep1b' | 'rep2a' | 'other' | 'missing'
type Writer = 'rep1a' | 'manager1' | 'admin'
type Kind = 'leadId' | 'dealId' | 'customerId'
const refs: Record<Kind, Record<Owner, number>> = {} as never
const MISSING = 2_000_000_000

beforeAll(async () => {
  kit = await recordTestKit()
  const t = kit.tenant
  const owners = {
    rep1a: { rep: t.teams[0].reps[0], admin: t.admin.email },
    rep1b: { rep: t.teams[0].reps[1], admin: t.admin.email },
    rep2a: { rep: t.teams[1].reps[0], admin: t.admin.email },
    other: { rep: t.other.rep, admin: t.other.admin.email },
  }
  refs.leadId = { missing: MISSING } as Record<Owner, number>
  refs.dealId = { missing: MISSING } as Record<Owner, number>
  refs.customerId = { missing: MISSING } as Record<Owner, number>
  for (const [owner, { rep, admin }] of Object.entries(owners) as [Owner, (typeof owners)['rep1a']][]) {
    const as = await kit.as(admin)
    const create = async (entity: string, payload: Record<string, unknown>) => {
      const response = await kit.app.inject({ method: 'POST', url: `/api/${entity}`, headers: as.headers, payload })
      expect(response.statusCode, response.body).toBe(201)
      return response.json().id as number
    }
    refs.leadId[owner] = await create('leads', { name: 'L', channel: 'web', createdAt: '2026-01-01', ownerId: rep.id })
    refs.dealId[owner] = await create('deals', {
      name: 'D',
      type: 'NEW_BUSINESS',
      stage: 'Qualify',
      probability: 20,
      amount: '100.00',
      status: 'OPEN',
      createdAt: '2026-01-01T10:00:00Z',
      ownerId: rep.id,
    })
    refs.customerId[owner] = rep.customerId
  }
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

const emailOf = (who: Writer) =>
  ({
    rep1a: kit.tenant.teams[0].reps[0].email,
    manager1: kit.tenant.teams[0].manager.email,
    admin: kit.tenant.admin.email,
  })[who]

// Who sees whose records (records/visibility.ts): reps their own, managers their teams', admins the organisation.
const visible: Record<Writer, Owner[]> = {
  rep1a: ['rep1a'],
  manager1: ['rep1a', 'rep1b'],
  admin: ['rep1a', 'rep1b', 'rep2a'],
}
const OWNERS: Owner[] = ['rep1a', 'rep1b', 'rep2a', 'other', 'missing']
const KINDS: Kind[] = ['leadId', 'dealId', 'customerId']
const refKind = (kind: Kind) => kind.replace(/Id$/, '')

describe.each(['rep1a', 'manager1', 'admin'] as Writer[])('%s logs an activity', (who) => {
  test.each(KINDS)(
    'pointing at %s of each owner: 201 where visible, else the answer for a missing id',
    async (kind) => {
      const as = await kit.as(emailOf(who))
      for (const owner of OWNERS) {
        const id = refs[kind][owner]
        const response = await kit.app.inject({
          method: 'POST',
          url: '/api/activities',
          headers: as.headers,
          payload: {
            type: 'CALL',
            occurredAt: '2026-01-05T10:00:00Z',
            userId: kit.tenant.teams[0].reps[0].id,
            [kind]: id,
          },
        })
        if (visible[who].includes(owner)) {
          expect(response.statusCode, `${owner}: ${response.body}`).toBe(201)
          continue
        }
        expect(response.statusCode, `${owner}: ${response.body}`).toBe(400)
        expect(response.json(), owner).toEqual({
          error: 'validation_failed',
          message: `${refKind(kind)} ${id} not found`,
          field: `body.${kind}`,
        })
      }
    },
  )
})

test('deals and leads: a rep cannot attach another rep’s customer or lead', async () => {
  const as = await kit.as(emailOf('rep1a'))
  const deal = {
    name: 'D',
    type: 'NEW_BUSINESS',
    stage: 'Qualify',
    probability: 20,
    amount: '1.00',
    status: 'OPEN',
    createdAt: '2026-01-01T10:00:00Z',
  }
  const cases: [string, Record<string, unknown>, string][] = [
    ['deals', { ...deal, customerId: refs.customerId.rep1b }, 'customerId'],
    ['deals', { ...deal, leadId: refs.leadId.rep2a }, 'leadId'],
    ['leads', { name: 'L', channel: 'web', createdAt: '2026-01-01', customerId: refs.customerId.rep2a }, 'customerId'],
  ]
  for (const [entity, payload, field] of cases) {
    const response = await kit.app.inject({ method: 'POST', url: `/api/${entity}`, headers: as.headers, payload })
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field: `body.${field}` })
  }
})

test('PATCH checks the references it changes, not one that was already there', async () => {
  // An admin linked rep1a's activity to a teammate's customer; rep1a may still edit the notes, but cannot
  // point the activity at another invisible record.
  const admin = await kit.as(emailOf('admin'))
  const created = await kit.app.inject({
    method: 'POST',
    url: '/api/activities',
    headers: admin.headers,
    payload: {
      type: 'CALL',
      occurredAt: '2026-01-05T10:00:00Z',
      userId: kit.tenant.teams[0].reps[0].id,
      customerId: refs.customerId.rep1b,
    },
  })
  expect(created.statusCode, created.body).toBe(201)
  const { id, version } = created.json()
  const rep = await kit.as(emailOf('rep1a'))
  const notes = await kit.app.inject({
    method: 'PATCH',
    url: `/api/activities/${id}`,
    headers: rep.headers,
    payload: { version, notes: 'called back' },
  })
  expect(notes.statusCode, notes.body).toBe(200)
  const moved = await kit.app.inject({
    method: 'PATCH',
    url: `/api/activities/${id}`,
    headers: rep.headers,
    payload: { version: version + 1, dealId: refs.dealId.rep2a },
  })
  expect(moved.statusCode, moved.body).toBe(400)
  expect(moved.json()).toEqual({
    error: 'validation_failed',
    message: `deal ${refs.dealId.rep2a} not found`,
    field: 'body.dealId',
  })
})
