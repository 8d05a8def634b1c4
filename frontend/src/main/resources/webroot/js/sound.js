// The sound of a new alert, made with the Web Audio API (no sound file). Browsers do not let a page play sound
// before the user has touched it: the audio context is created on the first click or key press, and a sound
// asked for before that is counted as blocked, never thrown.

/** Two short tones, high then higher: distinct from anything else the page makes (it makes nothing else). */
const TONES = [
  { frequency: 880, start: 0, length: 0.16 },
  { frequency: 1320, start: 0.2, length: 0.22 },
];

export class AlertSound {
  constructor() {
    this.context = null;
    this.muted = false;
    this.counts = { played: 0, blocked: 0 };
    const unlock = () => {
      this.ensureContext();
      if (this.context) {
        window.removeEventListener('pointerdown', unlock, true);
        window.removeEventListener('keydown', unlock, true);
      }
    };
    window.addEventListener('pointerdown', unlock, true);
    window.addEventListener('keydown', unlock, true);
  }

  /** Creates (or resumes) the audio context; called from a user gesture. */
  ensureContext() {
    try {
      const AudioContextClass = window.AudioContext || window.webkitAudioContext;
      if (!AudioContextClass) {
        return;
      }
      if (!this.context) {
        this.context = new AudioContextClass();
      }
      if (this.context.state === 'suspended') {
        this.context.resume().catch(() => {});
      }
    } catch (e) {
      this.context = null; // audio is not available here: alerts stay silent
    }
  }

  /** Plays the alert sound if the user has allowed audio (a gesture) and has not muted it; never throws. */
  play() {
    if (this.muted) {
      return false;
    }
    const context = this.context;
    if (!context || context.state !== 'running') {
      this.counts.blocked += 1;
      return false;
    }
    try {
      const now = context.currentTime;
      for (const tone of TONES) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.type = 'sine';
        oscillator.frequency.value = tone.frequency;
        gain.gain.setValueAtTime(0.0001, now + tone.start);
        gain.gain.exponentialRampToValueAtTime(0.25, now + tone.start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + tone.start + tone.length);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(now + tone.start);
        oscillator.stop(now + tone.start + tone.length + 0.02);
      }
      this.counts.played += 1;
      return true;
    } catch (e) {
      this.counts.blocked += 1;
      return false;
    }
  }

  setMuted(muted) {
    this.muted = muted;
  }

  /** Returns {played, blocked, muted, state}: for tests and the mute button's title. */
  status() {
    return { ...this.counts, muted: this.muted, state: this.context?.state ?? 'none' };
  }
}
