// Child process for the crash-safety test: appends entries through the API, one transaction each,
// and reports each committed seq on stdout only after the commit returned. The parent kills it.

import { writeSync } from 'node:fs';
import { openDatabase } from '../../db/connection.ts';
import { CentreService } from '../../services/service.ts';
import { personInput } from './fixtures.ts';

const path = process.argv[2]!;
const db = openDatabase(path);
const service = new CentreService(db);
for (let i = 0; ; i++) {
  const r = service.call('persons.register', personInput({ familyName: `Crash${i}` }), { username: 'reg' });
  writeSync(1, `${r.seq}\n`);
}
