import type { Option } from './fields.tsx';

/** Zones a centre in the region is likely to be in, first; then every zone the browser knows. */
export const COMMON_ZONES = [
  'Asia/Baku',
  'Asia/Tbilisi',
  'Asia/Yerevan',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Asia/Tehran',
  'Asia/Tashkent',
  'Asia/Almaty',
  'Asia/Dubai',
  'Europe/Kyiv',
  'Europe/Chisinau',
  'Europe/Berlin',
  'Europe/London',
  'UTC',
];

export function timeZoneOptions(): Option[] {
  const all: string[] =
    typeof (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf === 'function'
      ? (Intl as unknown as { supportedValuesOf: (k: string) => string[] }).supportedValuesOf('timeZone')
      : [];
  const rest = all.filter((z) => !COMMON_ZONES.includes(z));
  return [...COMMON_ZONES, ...rest].map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
}
