/** The device classes of the standard catalog. */
export type DeviceType = 'desktop' | 'mobile' | 'tablet';

/** What device detection reads; a subset of `navigator` and `matchMedia`. */
export interface DeviceHints {
  readonly userAgent?: string;
  readonly maxTouchPoints?: number;
  readonly viewportWidth?: number;
}

/** Classifies the device from coarse hints only (never a fingerprint): tablet, mobile or desktop. */
export function detectDeviceType(hints: DeviceHints): DeviceType {
  const ua = hints.userAgent ?? '';
  if (/iPad|Tablet|PlayBook|Silk|(Android(?!.*Mobile))/i.test(ua)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android/i.test(ua)) return 'mobile';
  if ((hints.maxTouchPoints ?? 0) > 1 && (hints.viewportWidth ?? 1024) < 768) return 'mobile';
  return 'desktop';
}

/** Device hints of the current page, or none outside a browser. */
export function pageDeviceHints(): DeviceHints {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  const width = (globalThis as { innerWidth?: number }).innerWidth;
  return { userAgent: nav?.userAgent, maxTouchPoints: nav?.maxTouchPoints, viewportWidth: width };
}
