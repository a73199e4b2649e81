/**
 * A digest written for each channel (issue 20, decision 0039): an e-mail (plain text + HTML that renders in common
 * mail clients — tables and inline styles, no scripts, no external images; progress as HTML/CSS bars), Slack blocks
 * (an incoming webhook's JSON body), and a Microsoft Teams message with an Adaptive Card. Pure functions of the
 * content: everything they say is already in the reader's language.
 */
import type { RenderedMail } from '../mail/render.ts'
import type { DigestContent } from './content.ts'

export function renderDigestMail(content: DigestContent): RenderedMail {
  void content
  throw new Error('renderDigestMail: not written yet (issue 20, part "content")')
}

/** The JSON body for a Slack incoming webhook: { text, blocks }. */
export function renderDigestSlack(content: DigestContent): Record<string, unknown> {
  void content
  throw new Error('renderDigestSlack: not written yet (issue 20, part "content")')
}

/** The JSON body for a Microsoft Teams incoming webhook / workflow: a message with one Adaptive Card attachment. */
export function renderDigestTeams(content: DigestContent): Record<string, unknown> {
  void content
  throw new Error('renderDigestTeams: not written yet (issue 20, part "content")')
}
