// English: the export screen of the staff app and the screens of HQ mode. Merged into the UI
// catalogue by ../core.ts; the same rules as ../en.ts (a test fails when az or ru lacks a key).

export const en = {
  'event.hq.acknowledged': 'HQ receipt recorded',
} as const satisfies Record<string, string>;
