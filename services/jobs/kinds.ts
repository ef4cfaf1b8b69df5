// Every job kind, listed statically (a bundler cannot follow a directory scan). A module here calls
// registerJob when imported. To add a kind: write its module and add one import line.
//
// Expected soon: `export` (the inspection bundle), registered from bundle/.

import './kinds/seed.ts';
