let audio: AudioContext | null = null;

function tone(frequency: number, ms: number, at = 0) {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = frequency;
    oscillator.type = frequency < 400 ? "square" : "sine";
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(audio.destination);
    const start = audio.currentTime + at / 1000;
    oscillator.start(start);
    oscillator.stop(start + ms / 1000);
  } catch {
    // No audio (a locked-down browser): the colour and vibration still tell.
  }
}

/** A short high beep and buzz for "come in"; a low double buzz for anything staff must look at. */
export function signal(kind: "ok" | "alarm" | "warn") {
  if (kind === "ok") {
    tone(880, 120);
    navigator.vibrate?.(120);
  } else if (kind === "warn") {
    tone(520, 200);
    navigator.vibrate?.([80, 60, 80]);
  } else {
    tone(220, 250);
    tone(220, 350, 320);
    navigator.vibrate?.([250, 100, 250, 100, 400]);
  }
}
