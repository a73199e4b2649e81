import type { ImportEntity, ImportPreset } from '@kpi/contract/import'

// Built-in mappings for the deal exports of three CRMs, from their documented export columns and default
// pipelines (HubSpot: default deal properties and the "Sales Pipeline" stages; Pipedrive: "Deal - <field>"
// export headers, status open/won/lost; Salesforce: Opportunity field labels, the standard stage picklist).
// A company with its own stages gets their words in the report's `unmatched` and translates them in the wizard.
// A close date that fills both expectedCloseAt and closedAt is the expected date of an open deal and the
// closing date of a closed one (apply-mapping.ts).

const TYPES = { 'New Business': 'NEW_BUSINESS', 'Existing Business': 'UPSELL', Renewal: 'RENEWAL' }

const hubspotStages: Record<string, [status: string, probability: string]> = {
  'Appointment Scheduled': ['OPEN', '20'],
  'Qualified To Buy': ['OPEN', '40'],
  'Presentation Scheduled': ['OPEN', '60'],
  'Decision Maker Bought-In': ['OPEN', '80'],
  'Contract Sent': ['OPEN', '90'],
  'Closed Won': ['WON', '100'],
  'Closed Lost': ['LOST', '0'],
}

const salesforceStages: Record<string, string> = {
  Prospecting: 'OPEN',
  Qualification: 'OPEN',
  'Needs Analysis': 'OPEN',
  'Value Proposition': 'OPEN',
  'Id. Decision Makers': 'OPEN',
  'Perception Analysis': 'OPEN',
  'Proposal/Price Quote': 'OPEN',
  'Negotiation/Review': 'OPEN',
  'Closed Won': 'WON',
  'Closed Lost': 'LOST',
}

const each = <T>(table: Record<string, T>, pick: (value: T) => string) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, pick(v)]))

const dealPresets: ImportPreset[] = [
  {
    id: 'hubspot',
    name: 'HubSpot (deals export)',
    mapping: {
      columns: {
        'Record ID': 'externalId',
        'Deal Name': 'name',
        'Deal owner': 'ownerEmail',
        'Associated Company': 'customerExternalId',
        'Deal Stage': ['stage', 'status', 'probability'],
        'Deal Type': 'type',
        Amount: 'amount',
        'Create Date': 'createdAt',
        'Close Date': ['expectedCloseAt', 'closedAt'],
        Pipeline: null,
      },
      values: {
        status: each(hubspotStages, ([status]) => status),
        probability: each(hubspotStages, ([, probability]) => probability),
        type: TYPES,
      },
      defaults: { type: 'NEW_BUSINESS' },
    },
  },
  {
    id: 'pipedrive',
    name: 'Pipedrive (deals export)',
    mapping: {
      columns: {
        'Deal - ID': 'externalId',
        'Deal - Title': 'name',
        'Deal - Owner': 'ownerEmail',
        'Deal - Organization': 'customerExternalId',
        'Deal - Stage': 'stage',
        'Deal - Status': 'status',
        'Deal - Value': 'amount',
        'Deal - Probability': 'probability',
        'Deal - Deal created': 'createdAt',
        'Deal - Expected close date': 'expectedCloseAt',
        'Deal - Deal closed on': 'closedAt',
      },
      constants: { type: 'NEW_BUSINESS' },
      values: { status: { open: 'OPEN', won: 'WON', lost: 'LOST', deleted: 'LOST' } },
    },
  },
  {
    id: 'salesforce',
    name: 'Salesforce (opportunity report)',
    mapping: {
      columns: {
        'Opportunity ID': 'externalId',
        'Opportunity Name': 'name',
        'Opportunity Owner': 'ownerEmail',
        'Account Name': 'customerExternalId',
        Stage: ['stage', 'status'],
        Type: 'type',
        Amount: 'amount',
        'Probability (%)': 'probability',
        'Created Date': 'createdAt',
        'Close Date': ['expectedCloseAt', 'closedAt'],
        Won: null,
        Closed: null,
      },
      values: { status: salesforceStages, type: TYPES },
      defaults: { type: 'NEW_BUSINESS' },
    },
  },
]

/** The presets of an entity (only deals have any). */
export function presetsFor(entity: ImportEntity): ImportPreset[] {
  return entity === 'deals' ? dealPresets : []
}
