import { runHqBench } from './test/bench/hq.ts';
const path = process.argv[2]!;
for (const l of await runHqBench({ dbPath: path })) console.log(l.name.padEnd(70), l.value.toFixed(1), l.unit, l.target, l.met);
