import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useLocale } from '../../i18n/i18n.tsx'
import { importQueries, postImport, saveMapping } from './import.api.ts'
import {
  formatOnly,
  fromImportMapping,
  mappingForHeaders,
  toImportMapping,
  type WizardMapping,
} from './wizard-mapping.ts'
import type {
  ImportEntity,
  ImportField,
  ImportFormat,
  ImportFormatOverride,
  ImportMapping,
  ImportReport,
  ImportResult,
} from '@kpi/contract/import'

export type Step = 'pick' | 'map' | 'check' | 'done'
/** Where the mapping starts: a new one, the organisation's saved mapping of a source, or a CRM preset. */
export type SourceChoice = { kind: 'new' } | { kind: 'saved' | 'preset'; name: string; mapping: ImportMapping }
export type Picked = { file: File; headers: string[]; format: ImportFormat }

/**
 * The import wizard's state and its requests as mutations. The file is read by the API, not here: a first dry
 * run with only the format gives the headers and the detected format for CSV (any encoding and delimiter) and
 * .xlsx alike; the mapping is then checked (dry run) and committed. Busy and the error shown come from the
 * mutations; starting one forgets the others' outcome, so the message is about the last thing tried.
 */
export function useImportWizard() {
  const client = useQueryClient()
  const { locale } = useLocale()
  const [step, setStep] = useState<Step>('pick')
  const [entity, setEntity] = useState<ImportEntity>('deals')
  const [picked, setPicked] = useState<Picked | null>(null)
  const [fields, setFields] = useState<ImportField[]>([])
  const [mapping, setMapping] = useState<WizardMapping | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const [saveAs, setSaveAs] = useState('')
  const [savedAs, setSavedAs] = useState<string | null>(null)
  /** Counts the reads of a file: the map step starts afresh from each (a format change may change the headers). */
  const [reads, setReads] = useState(0)

  const forgetOthers = (kept: string) => {
    for (const [name, mutation] of Object.entries({ read, check, commit, save })) if (name !== kept) mutation.reset()
  }
  /** Reads the header and format of `file` with `start`'s format, and fits `start` to the headers found. */
  const read = useMutation({
    mutationFn: async (options: { entity: ImportEntity; file: File; start: WizardMapping; thenCheck?: boolean }) => {
      const { fields: list } = await client.fetchQuery(importQueries.fields(options.entity, locale))
      const outcome = await postImport({
        entity: options.entity,
        file: options.file,
        fileName: options.file.name,
        mapping: formatOnly(options.start.format),
        dryRun: true,
      })
      if (outcome.kind !== 'report') throw new Error('a dry run answered with counts')
      return { ...options, list, read: outcome.report }
    },
    onMutate: () => forgetOthers('read'),
    onSuccess: ({ entity: chosen, file, start, list, read: answer, thenCheck }) => {
      const headers = Object.keys(answer.columns)
      const next = mappingForHeaders({ headers, fields: list, read: answer.columns, start })
      setEntity(chosen)
      setFields(list)
      setPicked({ file, headers, format: answer.format })
      setMapping(next)
      setReads((n) => n + 1)
      if (thenCheck) check.mutate({ entity: chosen, file, mapping: next })
      else setStep('map')
    },
  })
  const check = useMutation({
    mutationFn: (options: { entity: ImportEntity; file: File; mapping: WizardMapping }) =>
      postImport({ ...options, fileName: options.file.name, mapping: toImportMapping(options.mapping), dryRun: true }),
    onMutate: ({ mapping: next }) => {
      forgetOthers('check')
      setMapping(next)
    },
    onSuccess: (outcome) => {
      if (outcome.kind !== 'report') return
      setReport(outcome.report)
      setPicked((p) => p && { ...p, format: outcome.report.format })
      setStep('check')
    },
  })
  const save = useMutation({
    mutationFn: (name: string) => saveMapping(entity, name, toImportMapping(mapping!)),
    onMutate: () => forgetOthers('save'),
    onSuccess: (saved) => {
      setSavedAs(saved.source)
      void client.invalidateQueries({ queryKey: importQueries.mappings(entity).queryKey })
    },
  })
  const commit = useMutation({
    mutationFn: async () => {
      if (!picked || !mapping) throw new Error('no file chosen')
      // The mapping that worked is the one to start from next time: saved before the real run.
      const name = saveAs.trim()
      if (name !== '') await saveMapping(entity, name, toImportMapping(mapping))
      const { file } = picked
      return postImport({ entity, file, fileName: file.name, mapping: toImportMapping(mapping), dryRun: false })
    },
    onMutate: () => forgetOthers('commit'),
    onSuccess: (outcome) => {
      void client.invalidateQueries({ queryKey: importQueries.mappings(entity).queryKey })
      if (outcome.kind === 'done') {
        setResult(outcome.result)
        setStep('done')
      } else if (outcome.kind === 'failed') {
        // Something changed between the check and the commit (e.g. a duplicate key): show the new report.
        setReport(outcome.report)
      }
    },
  })

  function pick(options: { entity: ImportEntity; file: File; source: SourceChoice }) {
    const start = options.source.kind === 'new' ? fromImportMapping({}) : fromImportMapping(options.source.mapping)
    setSaveAs(options.source.kind === 'new' ? '' : options.source.name)
    setSavedAs(null)
    read.mutate({ entity: options.entity, file: options.file, start })
  }
  /** A format override: the header may read differently, so the file is read again; choices for kept headers stay. */
  function reformat(format: ImportFormatOverride) {
    if (picked && mapping) read.mutate({ entity, file: picked.file, start: { ...mapping, format } })
  }
  /** A value of the file that fits none of the field's values → ours ('' forgets it); the check runs again. */
  function translate(field: string, theirs: string, ours: string) {
    if (!mapping) return
    const { [theirs]: _forgotten, ...others } = mapping.values[field] ?? {}
    const values = { ...mapping.values, [field]: ours === '' ? others : { ...others, [theirs]: ours } }
    if (picked) check.mutate({ entity, file: picked.file, mapping: { ...mapping, values } })
  }
  /** A fixed file at the check step: read and checked again with the same mapping, no remapping needed. */
  function checkFixedFile(file: File) {
    if (mapping) read.mutate({ entity, file, start: mapping, thenCheck: true })
  }
  function restart() {
    forgetOthers('')
    setStep('pick')
    setPicked(null)
    setMapping(null)
    setReport(null)
    setResult(null)
  }

  const failed = [read, check, commit, save].find((m) => m.error !== null)?.error
  const refused = commit.data?.kind === 'failed' ? commit.data.message : undefined
  return {
    step,
    setStep,
    reads,
    entity,
    picked,
    fields,
    mapping,
    report,
    result,
    saveAs,
    setSaveAs,
    savedAs,
    busy: read.isPending || check.isPending || commit.isPending || save.isPending,
    error: failed ? failed.message : refused,
    pick,
    reformat,
    check: (next: WizardMapping) => picked && check.mutate({ entity, file: picked.file, mapping: next }),
    translate,
    save: (name: string) => save.mutate(name),
    commit: () => commit.mutate(),
    checkFixedFile,
    restart,
  }
}
