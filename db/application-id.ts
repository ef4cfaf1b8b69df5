// SQLite's application_id of HQ's database ("CRHQ"), so that neither app opens the other's file as
// its own (db/hq/connection.ts; db/connection.ts refuses it).
export const HQ_APPLICATION_ID = 0x43524851;
