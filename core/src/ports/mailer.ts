/** An e-mail to send. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

/** Sends e-mail. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}
