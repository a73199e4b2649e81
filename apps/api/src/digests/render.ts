/**
 * A digest written for each channel (issue 20, decision 0039): an e-mail (./render-mail.ts), Slack blocks
 * (./render-slack.ts) and a Microsoft Teams message with an Adaptive Card (./render-teams.ts). Pure functions of
 * the content: everything they say is already in the reader's language. One import for the senders.
 */
export { renderDigestMail } from './render-mail.ts'
export { renderDigestSlack } from './render-slack.ts'
export { renderDigestTeams } from './render-teams.ts'
