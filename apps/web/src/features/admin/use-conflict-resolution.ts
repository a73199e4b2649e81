import { useState } from 'react'

/**
 * One versioned record being edited: the typed `draft`, the stored row it is based on (`base`, whose version the
 * next save sends), and — after a 409 — `theirs`, the row as stored now (null: deleted meanwhile; undefined: no
 * conflict). The draft is never touched by a conflict; only the person's choice changes it:
 * "keep mine" resubmits the draft against theirs, "use theirs" loads their values into the form.
 */
export function useConflictResolution<Row extends { version: number | null }, Draft>(options: {
  initial: Row
  toDraft: (row: Row) => Draft
  /** Save the current draft based on `against` (theirs after a conflict; null when theirs was deleted). */
  resubmit: (against: Row | null) => void
}) {
  const [draft, setDraft] = useState<Draft>(() => options.toDraft(options.initial))
  const [base, setBase] = useState<Row | null>(options.initial)
  const [theirs, setTheirs] = useState<Row | null | undefined>(undefined)

  return {
    draft,
    setDraft,
    base,
    /** The version the next save is based on (null: nothing stored yet). */
    version: base?.version ?? null,
    theirs,
    /** A save went through: the next one is based on the row the server answered. */
    saved(row: Row) {
      setBase(row)
      setTheirs(undefined)
    },
    /** A 409: show theirs beside the draft. */
    conflicted(current: Row | null) {
      setTheirs(current)
    },
    keepMine() {
      if (theirs !== undefined) options.resubmit(theirs)
    },
    takeTheirs() {
      if (theirs) setDraft(options.toDraft(theirs))
      setBase(theirs ?? null)
      setTheirs(undefined)
    },
  }
}
