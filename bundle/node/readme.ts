// README.txt of a bundle: what is in the folder, how to open it, how to check the viewer.

import { VIEWER_END } from '../viewer/build.ts';
import type { Manifest } from '../format/manifest.ts';

export function readmeText(m: Manifest, viewerSha256: string): string {
  const what =
    m.kind === 'inspection'
      ? 'the whole register of the centre: every journal entry since the centre was set up, the\nfindings at export time, the legal profile, and the medical notes'
      : `an HQ slice: the journal entries after seq ${m.from.seq}, without medical notes`;
  return `Centre Register bundle
======================

Centre:      ${m.centre.name} (${m.centre.id})
Kind:        ${m.kind}
Journal:     entries ${m.from.seq + 1} to ${m.head.seq}; head hash ${m.head.hash}
Exported:    ${m.exportedAt} by ${m.exportedBy}
Centre key:  ${m.keyFingerprint}

This folder holds ${what}.

  bundle.json   the manifest, signed with the centre's key (Ed25519)
  data.bin      the data, encrypted (AES-256-GCM) with the passphrase typed at export
  open-me.html  a viewer with the bundle inside it
  README.txt    this file

Opening it
----------
Double-click open-me.html (Chromium, Chrome, Edge or Firefox; no network is used, nothing is
installed), type the passphrase, and read the verdict first: "Intact" means the signature, the data,
every journal entry's hash, the register tables and the medical notes all check out. Anything else
names the first check that failed and, for the journal, the first bad entry.

The same checks from a terminal:  centre verify <this folder> --passphrase-file <file>

Do not trust the viewer that came with the data
-----------------------------------------------
The centre made this folder, so it could also have made a viewer that always says "Intact".
Inspectors should open bundles with their own copy of the viewer, made on their own installation:

    centre viewer --out my-viewer.html

and open this folder's bundle.json and data.bin (or this open-me.html) through its file picker.

The viewer shows its own SHA-256 at the bottom of the page, but a doctored viewer could show any
number; check the file itself instead. The viewer that made this bundle has SHA-256

    ${viewerSha256}

The viewer is the beginning of open-me.html, up to the line "${VIEWER_END}"
(the bundle's data follows it). To check it:

    sed -n '1,/^${VIEWER_END.replace(/[/]/g, '\\/')}$/p' open-me.html | sha256sum

(on Windows, in PowerShell, check your own copy: Get-FileHash my-viewer.html -Algorithm SHA256).
Compare the result with the SHA-256 published for your version of Centre Register, or with your
own copy's, printed by \`centre viewer --out\`.

Comparing with the last visit
-----------------------------
After opening, save a checkpoint ("Compare with last visit": a small file, kept on your own
machine). Next time, give it to the viewer or to \`centre verify --checkpoint\`: it says whether the
journal only grew since, or where history was changed, removed or reordered.

Following up the people you interviewed
---------------------------------------
"Interviewee follow-up" takes their register numbers from a file on your own device (or pasted) and
lists the measures, isolation, transfers and complaints recorded for them since the last visit. The
list stays in the page's memory only: it is never saved, sent, or added to any file.

The viewer speaks English, Azerbaijani and Russian (the menu at the top right) and prints the
verdict and the screen shown.
`;
}
