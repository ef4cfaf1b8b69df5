// electron-builder's afterAllArtifactBuild hook. Packaging rebuilt better-sqlite3 in node_modules for
// Electron's ABI; the tests and the `centre` command run under Node, so rebuild it for Node again.
// A failure here does not fail the packaging (the artifacts are made): it says what to run.

const { spawnSync } = require('node:child_process');

exports.default = async function restoreNodeAbi() {
  const windows = process.platform === 'win32';
  const result = spawnSync(windows ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: windows });
  if (result.status !== 0) {
    console.warn('better-sqlite3 is still built for Electron: run `npm rebuild better-sqlite3` before the tests or the CLI.');
  }
  return [];
};
