// Reads QR codes from the phone camera: the browser's BarcodeDetector where it exists (Chrome on Android), else
// jsQR on canvas frames (Safari, Firefox, desktop). Calls `onCode` for each code read (the caller debounces).

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorClass = new (opts: { formats: string[] }) => Detector;

export type Scanner = { stop(): void };

export async function startScanner(
  video: HTMLVideoElement,
  onCode: (text: string) => void,
): Promise<Scanner> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: false,
  });
  video.srcObject = stream;
  video.setAttribute('playsinline', 'true');
  video.muted = true;
  await video.play();

  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  let detector: Detector | null = null;
  if (Native) {
    try {
      detector = new Native({ formats: ['qr_code'] });
    } catch {
      detector = null;
    }
  }
  const jsQR = detector ? null : (await import('jsqr')).default;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tick = async () => {
    if (stopped) return;
    try {
      if (video.readyState >= 2 && video.videoWidth > 0) {
        if (detector) {
          for (const code of await detector.detect(video)) onCode(code.rawValue);
        } else if (jsQR && context) {
          // Scan a downscaled frame: enough for a ticket held in front of the camera, and cheap on phones.
          const scale = Math.min(1, 640 / video.videoWidth);
          canvas.width = Math.round(video.videoWidth * scale);
          canvas.height = Math.round(video.videoHeight * scale);
          context.drawImage(video, 0, 0, canvas.width, canvas.height);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
          if (code?.data) onCode(code.data);
        }
      }
    } catch {
      // A frame that cannot be read: try the next one.
    }
    if (!stopped) timer = setTimeout(tick, 200);
  };
  void tick();

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}
