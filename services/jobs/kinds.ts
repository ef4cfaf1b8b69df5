// Every job kind, listed statically (a bundler cannot follow a directory scan). A module here calls
// registerJob when imported. To add a kind: write its module and add one import line.
//
// `export` (the inspection bundle, HQ slices) is registered from bundle/node/job.ts; `hq.import`
// (HQ mode) from services/hq/job.ts.

import './kinds/seed.ts';
import '../../bundle/node/job.ts';
import '../hq/job.ts';
