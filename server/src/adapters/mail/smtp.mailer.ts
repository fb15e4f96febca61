import nodemailer from 'nodemailer';
import type { Mailer } from '@parley/core';

/** {@link Mailer} over SMTP with nodemailer; `url` is e.g. `smtp://user:pass@mail.example.com:587`. */
export function createSmtpMailer(url: string, from: string): Mailer & { dispose(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: mail.headers ?? {},
      });
    },
    dispose() {
      transport.close();
    },
  };
}
