import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { parseHeaderLine, suggestMapping } from './column-match.ts'
import { importFieldsQuery, postImport } from './import.api.ts'
import type { ImportEntity, ImportField, ImportReport, ImportResult } from '@kpi/contract/import'
import type { Mapping } from './import.api.ts'

export type Step = 'pick' | 'map' | 'check' | 'done'
export type Picked = { file: File; headers: string[] }

async function readFile(file: File): Promise<Picked> {
  // The header is in the first line; 64 KB is plenty and avoids reading a large file into memory twice.
  const head = await file.slice(0, 64 * 1024).text()
  return { file, headers: parseHeaderLine(head) }
}

/**
 * The import wizard's state and its three requests as mutations: pick (read the header, load the entity's
 * fields), check (dry run) and commit. Busy and the error shown come from the mutations; starting one forgets the
 * others' outcome, so the message on screen is always about the last thing tried.
 */
export function useImportWizard() {
  const client = useQueryClient()
  const [step, setStep] = useState<Step>('pick')
  const [entity, setEntity] = useState<ImportEntity>('deals')
  const [picked, setPicked] = useState<Picked | null>(null)
  const [fields, setFields] = useState<ImportField[]>([])
  const [mapping, setMapping] = useState<Mapping>({})
  const [report, setReport] = useState<ImportReport | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)

  const forgetOthers = (kept: string) => {
    for (const [name, mutation] of Object.entries({ pick, check, commit })) if (name !== kept) mutation.reset()
  }
  const pick = useMutation({
    mutationFn: async ({ file, entity: chosen }: { file: File; entity: ImportEntity }) => {
      const next = await readFile(file)
      const { fields: list } = await client.fetchQuery(importFieldsQuery(chosen))
      return { next, list, chosen }
    },
    onMutate: () => forgetOthers('pick'),
    onSuccess: ({ next, list, chosen }) => {
      setEntity(chosen)
      setPicked(next)
      setFields(list)
      setMapping(
        suggestMapping(
          next.headers,
          list.map((f) => f.name),
        ),
      )
      setStep('map')
    },
  })
  const check = useMutation({
    mutationFn: ({ file, map }: { file: Picked; map: Mapping }) =>
      postImport({ entity, file: file.file, fileName: file.file.name, mapping: map, dryRun: true }),
    onMutate: ({ file, map }) => {
      forgetOthers('check')
      setPicked(file)
      setMapping(map)
    },
    onSuccess: (outcome) => {
      if (outcome.kind === 'report') setReport(outcome.report)
      setStep('check')
    },
  })
  const commit = useMutation({
    mutationFn: (file: Picked) =>
      postImport({ entity, file: file.file, fileName: file.file.name, mapping, dryRun: false }),
    onMutate: () => forgetOthers('commit'),
    onSuccess: (outcome) => {
      if (outcome.kind === 'done') {
        setResult(outcome.result)
        setStep('done')
      } else {
        // Something changed between the check and the commit (e.g. a duplicate key): show the new report.
        setReport(outcome.report)
      }
    },
  })

  /** A fixed file at the check step: keep the choices made for headers still there; new headers get a suggestion. */
  async function checkFixedFile(file: File) {
    const next = await readFile(file)
    const suggested = suggestMapping(
      next.headers,
      fields.map((f) => f.name),
    )
    const map = Object.fromEntries(next.headers.map((h) => [h, h in mapping ? mapping[h]! : suggested[h]!]))
    check.mutate({ file: next, map })
  }

  function restart() {
    forgetOthers('')
    setStep('pick')
    setPicked(null)
    setReport(null)
    setResult(null)
  }

  const failed = [pick, check, commit].find((m) => m.error !== null)?.error
  const refused = commit.data?.kind === 'failed' ? commit.data.message : undefined
  return {
    step,
    setStep,
    entity,
    picked,
    fields,
    mapping,
    report,
    result,
    busy: pick.isPending || check.isPending || commit.isPending,
    error: failed ? failed.message : refused,
    pick: pick.mutate,
    check: (map: Mapping) => picked && check.mutate({ file: picked, map }),
    commit: () => picked && commit.mutate(picked),
    checkFixedFile: (file: File) => void checkFixedFile(file),
    restart,
  }
}
