import type { NotificationSettingsInput } from '../gql/graphql';

export type NotificationLocale = 'en' | 'de';

/** The settings page's fields, flat and always filled: what the inputs bind to. */
export interface NotificationForm {
  showPreviews: boolean;
  quietHours: boolean;
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  emailFallback: boolean;
  emailAddress: string;
  locale: NotificationLocale;
}

/** The server's shape of the settings (`NotificationSettings`). */
export interface SavedNotificationSettings {
  showPreviews: boolean;
  emailFallback: boolean;
  emailAddress?: string | null;
  locale: string;
  quietHours?: { start: string; end: string; timeZone: string } | null;
}

/** Field errors keyed as the server names them in `extensions.fields`. */
export type FormErrors = Partial<
  Record<'emailAddress' | 'quietHours.start' | 'quietHours.end' | 'quietHours.timeZone' | 'locale', string>
>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function formFromSettings(s: SavedNotificationSettings, defaultTimeZone: string): NotificationForm {
  return {
    showPreviews: s.showPreviews,
    quietHours: Boolean(s.quietHours),
    quietStart: s.quietHours?.start ?? '22:00',
    quietEnd: s.quietHours?.end ?? '07:00',
    timeZone: s.quietHours?.timeZone ?? defaultTimeZone,
    emailFallback: s.emailFallback,
    emailAddress: s.emailAddress ?? '',
    locale: s.locale === 'de' ? 'de' : 'en',
  };
}

/**
 * What can be told before asking the server. The server has the last word on the address (its check is stricter
 * than "something@something") and on the time zone.
 */
export function validateForm(form: NotificationForm): FormErrors {
  const errors: FormErrors = {};
  const address = form.emailAddress.trim();
  if (address && !/^\S+@\S+$/.test(address)) errors.emailAddress = 'Enter an e-mail address';
  else if (form.emailFallback && !address) errors.emailAddress = 'An address is needed for e-mail fallback';
  if (form.quietHours) {
    if (!TIME.test(form.quietStart)) errors['quietHours.start'] = 'Enter a time as HH:MM';
    if (!TIME.test(form.quietEnd)) errors['quietHours.end'] = 'Enter a time as HH:MM';
    if (!form.timeZone.trim()) errors['quietHours.timeZone'] = 'Enter a time zone such as Europe/Berlin';
  }
  return errors;
}

function quietOf(form: NotificationForm): NotificationSettingsInput['quietHours'] {
  return form.quietHours ? { start: form.quietStart, end: form.quietEnd, timeZone: form.timeZone.trim() } : null;
}

/** Only what changed since `saved`: fields left out stay as they are on the server. */
export function buildPatch(form: NotificationForm, saved: NotificationForm): NotificationSettingsInput {
  const patch: NotificationSettingsInput = {};
  if (form.showPreviews !== saved.showPreviews) patch.showPreviews = form.showPreviews;
  if (form.emailFallback !== saved.emailFallback) patch.emailFallback = form.emailFallback;
  const address = form.emailAddress.trim();
  if (address !== saved.emailAddress.trim()) patch.emailAddress = address === '' ? null : address;
  if (form.locale !== saved.locale) patch.locale = form.locale;
  if (JSON.stringify(quietOf(form)) !== JSON.stringify(quietOf(saved))) patch.quietHours = quietOf(form);
  return patch;
}

/** Maps the server's `extensions.fields` onto the form's fields; what names none of them is returned apart. */
export function fieldErrors(fields: Record<string, string>): { errors: FormErrors; other: string[] } {
  const known = new Set<string>([
    'emailAddress',
    'quietHours.start',
    'quietHours.end',
    'quietHours.timeZone',
    'locale',
  ]);
  const errors: FormErrors = {};
  const other: string[] = [];
  for (const [field, message] of Object.entries(fields)) {
    const text = message.charAt(0).toUpperCase() + message.slice(1);
    if (known.has(field)) errors[field as keyof FormErrors] = text;
    else other.push(`${field}: ${message}`);
  }
  return { errors, other };
}
