import type { ReportReason } from '../gql/graphql';

/** The reasons a report offers, in the order shown, with their labels. */
export const REPORT_REASONS: readonly { value: ReportReason; label: string }[] = [
  { value: 'SPAM', label: 'Spam or scam' },
  { value: 'HARASSMENT', label: 'Harassment or bullying' },
  { value: 'HATE', label: 'Hate speech' },
  { value: 'VIOLENCE', label: 'Violence or threats' },
  { value: 'SEXUAL', label: 'Sexual content' },
  { value: 'SELF_HARM', label: 'Self-harm' },
  { value: 'OTHER', label: 'Something else' },
];
