// Imported first by main.ts, so that it runs before any module defines a schema: the page's policy
// allows no eval, and zod otherwise probes for it as each object schema is made (`new Function`
// inside a try), which a browser reports as a policy violation (Firefox, in the console) even
// though zod catches it.

import { config } from 'zod';

config({ jitless: true });
