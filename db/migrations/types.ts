export interface Migration {
  /** Strictly increasing; becomes PRAGMA user_version once applied. */
  version: number;
  name: string;
  /** SQL run inside the migration transaction; or a function for migrations that move data. */
  up: string | ((db: import('better-sqlite3').Database) => void);
}
