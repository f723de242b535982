import jsQR from "jsqr";

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

/**
 * Reads QR codes from a video element: with the browser's BarcodeDetector where it has one
 * (Chrome on Android, Safari 17+), otherwise by decoding frames with jsQR on a canvas.
 * Calls `onCode` for each code read; returns a function that stops the loop.
 */
export async function startScanning(video: HTMLVideoElement, onCode: (code: string) => void): Promise<{ stop: () => void; engine: string }> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass & { getSupportedFormats?: () => Promise<string[]> } }).BarcodeDetector;
  let detector: BarcodeDetectorLike | null = null;
  if (Detector) {
    try {
      const formats = (await Detector.getSupportedFormats?.()) ?? ["qr_code"];
      if (formats.includes("qr_code")) detector = new Detector({ formats: ["qr_code"] });
    } catch {
      detector = null;
    }
  }
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let running = true;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function readFrame(): Promise<string | null> {
    if (video.readyState < 2 || video.videoWidth === 0) return null;
    if (detector) {
      const found = await detector.detect(video);
      return found[0]?.rawValue ?? null;
    }
    if (!context) return null;
    // A third of full HD is plenty for a code held up to the camera, and keeps a phone cool.
    const scale = Math.min(1, 640 / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" })?.data ?? null;
  }

  const loop = async () => {
    if (!running) return;
    try {
      const code = await readFrame();
      if (code) onCode(code);
    } catch {
      // A frame that could not be read is skipped.
    }
    if (running) timer = setTimeout(() => void loop(), 150);
  };
  void loop();
  return {
    engine: detector ? "BarcodeDetector" : "jsQR",
    stop: () => {
      running = false;
      clearTimeout(timer);
    },
  };
}
