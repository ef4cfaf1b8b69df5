// `centre init`: create or migrate the database; with the centre options, also set the centre up
// with its first head-of-centre account, through the API's own centre.setup.

import { azDefaultProfile } from '../../../domain/profile/az-default.ts';
import { migrate } from '../../../db/connection.ts';
import type { CentreOptions, Invocation } from '../args.ts';
import type { Io } from '../io.ts';
import { openCentreDb, readTextFile, serviceFor, withDbCreated } from './open.ts';

function readPassword(file: string): string {
  const text = readTextFile(file, { flag: '--password-file', kind: 'file', noun: 'a file holding the password' });
  // One trailing line break is the file's, not the password's.
  return text.replace(/\r?\n$/, '');
}

export async function init(inv: Invocation, centre: CentreOptions | null, io: Io): Promise<number> {
  const password = centre ? readPassword(centre.passwordFile) : null;
  return withDbCreated(inv.db, () => openCentreDb(inv.db, { migrate: false }), (db) => {
    // The migration and the setup are one transaction, and nothing is printed until it commits: a
    // refused setup (a bad username, a short password) leaves the database as it was, and says only why.
    const said: string[] = [];
    db.transaction(() => {
      const { from, to } = migrate(db);
      said.push(from === to ? `database ${inv.db}: schema ${to}, up to date\n` : `database ${inv.db}: schema ${from} -> ${to}\n`);
      if (centre && password !== null) {
        serviceFor(inv, db).call(
          'centre.setup',
          {
            name: centre.name,
            timeZone: centre.timeZone,
            profileId: centre.profileId ?? azDefaultProfile.id,
            head: { username: centre.head, displayName: centre.headName ?? centre.head, password },
          },
          null,
        );
        said.push(`centre "${centre.name}" set up; head of centre: ${centre.head}\n`);
      }
    }).immediate();
    for (const line of said) io.stdout.write(line);
    return 0;
  });
}
