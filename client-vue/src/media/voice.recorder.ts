// WebM/Opus where the browser records it (Chromium, Firefox), else MP4/AAC (Safari).
const CANDIDATES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4;codecs=mp4a.40.2', 'audio/mp4'];

/** The first recording type the browser supports, or '' to let it choose. */
export function pickRecorderType(isTypeSupported: (type: string) => boolean): string {
  return CANDIDATES.find((type) => isTypeSupported(type)) ?? '';
}

/** `voice-2026-11-30T00-12-05.webm`: a name that sorts by time and says what it is. */
export function voiceFilename(now: Date, mimeType: string): string {
  const ext = mimeType.startsWith('audio/mp4') || mimeType.startsWith('video/mp4') ? 'm4a' : 'webm';
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  return `voice-${stamp}.${ext}`;
}

/** A voice message recorded by the user, ready to go out as an AUDIO upload. */
export interface Recording {
  file: File;
  durationMs: number;
}

/**
 * One recording from the microphone. The permission prompt comes on `start`, i.e. only once the user presses
 * the button; the microphone is released on `stop` and `cancel`.
 */
export class VoiceRecording {
  private recorder: MediaRecorder | null = null;
  private stream: MediaStream | null = null;
  private chunks: Blob[] = [];
  private startedAt = 0;
  private done: ((recording: Recording | null) => void) | null = null;

  async start(): Promise<void> {
    this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    let recorder: MediaRecorder;
    try {
      const mimeType = pickRecorderType((type) => MediaRecorder.isTypeSupported(type));
      recorder = new MediaRecorder(this.stream, mimeType ? { mimeType } : undefined);
    } catch (error) {
      // No MediaRecorder (or none for audio): the microphone must not stay on.
      this.release();
      throw error;
    }
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    };
    recorder.onstop = () => this.finish();
    this.recorder = recorder;
    this.startedAt = Date.now();
    // Chunks every second, so a recording stopped early still has its data.
    recorder.start(1000);
  }

  elapsedMs(): number {
    return this.startedAt === 0 ? 0 : Date.now() - this.startedAt;
  }

  /** Stops and resolves with the recording (null when nothing was recorded). */
  stop(): Promise<Recording | null> {
    return new Promise((resolve) => {
      if (!this.recorder || this.recorder.state === 'inactive') {
        this.release();
        resolve(null);
        return;
      }
      this.done = resolve;
      this.recorder.stop();
    });
  }

  cancel(): void {
    this.done = null;
    if (this.recorder && this.recorder.state !== 'inactive') {
      this.recorder.onstop = null;
      this.recorder.stop();
    }
    this.chunks = [];
    this.release();
  }

  private finish(): void {
    const type = (this.recorder?.mimeType || this.chunks[0]?.type || 'audio/webm').split(';')[0] ?? 'audio/webm';
    const blob = new Blob(this.chunks, { type });
    const durationMs = this.elapsedMs();
    this.release();
    const done = this.done;
    this.done = null;
    done?.(blob.size > 0 ? { file: new File([blob], voiceFilename(new Date(), type), { type }), durationMs } : null);
  }

  private release(): void {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }
}
