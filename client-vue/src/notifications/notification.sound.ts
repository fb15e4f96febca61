const SOUND_KEY = 'parley.notificationSound';

/** Whether a sound plays for messages that arrive while the tab is in the background: this device only. */
export function soundEnabled(storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  return storage.getItem(SOUND_KEY) === 'on';
}

export function setSoundEnabled(on: boolean, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(SOUND_KEY, on ? 'on' : 'off');
}

let context: AudioContext | null = null;

/**
 * Two short soft tones, made on the spot (no audio file to download or cache). Browsers may keep an
 * AudioContext suspended until the page had a user gesture; then nothing plays, which is fine.
 */
export function playMessageSound(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime;
    [880, 1320].forEach((frequency, i) => {
      const oscillator = ctx.createOscillator();
      const gain = ctx.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      const t = start + i * 0.12;
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.18);
      oscillator.connect(gain).connect(ctx.destination);
      oscillator.start(t);
      oscillator.stop(t + 0.2);
    });
  } catch {
    // No audio on this device: the title and the icon still show the count.
  }
}
