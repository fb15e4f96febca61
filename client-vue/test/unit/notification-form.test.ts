import { describe, expect, it } from 'vitest';
import {
  buildPatch,
  fieldErrors,
  formFromSettings,
  validateForm,
  type NotificationForm,
} from '../../src/notifications/notification.form';

const saved: NotificationForm = formFromSettings(
  { showPreviews: true, emailFallback: false, emailAddress: null, locale: 'en', quietHours: null },
  'Europe/Berlin',
);

describe('notification settings form', () => {
  it('fills every field from the server, with defaults for quiet hours in the browser’s zone', () => {
    expect(saved).toEqual({
      showPreviews: true,
      quietHours: false,
      quietStart: '22:00',
      quietEnd: '07:00',
      timeZone: 'Europe/Berlin',
      emailFallback: false,
      emailAddress: '',
      locale: 'en',
    });
    const withHours = formFromSettings(
      {
        showPreviews: false,
        emailFallback: true,
        emailAddress: 'a@b.de',
        locale: 'de',
        quietHours: { start: '23:30', end: '06:15', timeZone: 'America/New_York' },
      },
      'Europe/Berlin',
    );
    expect(withHours).toMatchObject({
      quietHours: true,
      quietStart: '23:30',
      timeZone: 'America/New_York',
      locale: 'de',
    });
  });

  it('sends only what changed, null to remove the address or the quiet hours', () => {
    expect(buildPatch({ ...saved }, saved)).toEqual({});
    expect(buildPatch({ ...saved, showPreviews: false, locale: 'de' }, saved)).toEqual({
      showPreviews: false,
      locale: 'de',
    });
    expect(buildPatch({ ...saved, emailFallback: true, emailAddress: ' ana@example.org ' }, saved)).toEqual({
      emailFallback: true,
      emailAddress: 'ana@example.org',
    });
    const withAddress = { ...saved, emailAddress: 'ana@example.org' };
    expect(buildPatch({ ...withAddress, emailAddress: '' }, withAddress)).toEqual({ emailAddress: null });
    expect(buildPatch({ ...saved, quietHours: true }, saved)).toEqual({
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' },
    });
    const quiet = { ...saved, quietHours: true };
    expect(buildPatch({ ...quiet, quietEnd: '08:00' }, quiet)).toEqual({
      quietHours: { start: '22:00', end: '08:00', timeZone: 'Europe/Berlin' },
    });
    expect(buildPatch({ ...quiet, quietHours: false }, quiet)).toEqual({ quietHours: null });
    // Times of hidden quiet hours are not a change.
    expect(buildPatch({ ...saved, quietStart: '21:00' }, saved)).toEqual({});
  });

  it('checks what it can before the server', () => {
    expect(validateForm(saved)).toEqual({});
    expect(validateForm({ ...saved, emailFallback: true })).toEqual({
      emailAddress: 'An address is needed for e-mail fallback',
    });
    expect(validateForm({ ...saved, emailAddress: 'no address' }).emailAddress).toBe('Enter an e-mail address');
    // The server's check is stricter; it answers for this one.
    expect(validateForm({ ...saved, emailAddress: 'ana@localhost' })).toEqual({});
    expect(validateForm({ ...saved, quietHours: true, quietStart: '25:00', quietEnd: '7', timeZone: ' ' })).toEqual({
      'quietHours.start': 'Enter a time as HH:MM',
      'quietHours.end': 'Enter a time as HH:MM',
      'quietHours.timeZone': 'Enter a time zone such as Europe/Berlin',
    });
    // Hidden quiet hours are not checked.
    expect(validateForm({ ...saved, quietStart: 'x' })).toEqual({});
  });

  it('puts the server’s field errors beside their fields', () => {
    expect(
      fieldErrors({
        emailAddress: 'must be an e-mail address',
        'quietHours.timeZone': 'must be an IANA time zone',
        push: 'off',
      }),
    ).toEqual({
      errors: { emailAddress: 'Must be an e-mail address', 'quietHours.timeZone': 'Must be an IANA time zone' },
      other: ['push: off'],
    });
  });
});
