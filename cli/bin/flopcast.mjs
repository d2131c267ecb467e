#!/usr/bin/env node
// `flopcast` command: thin launcher for the compiled CLI (cli/dist/main.js, built by `npm run build -w @flopcast/cli`).
let mod;
try {
  mod = await import('../dist/main.js');
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && /[\\/]dist[\\/]/.test(String(err.message))) {
    process.stderr.write(`flopcast: not built yet (${err.message.split('\n')[0]}) — run \`npm run build\` at the repository root first\n`);
    process.exit(3);
  }
  throw err;
}
process.exitCode = await mod.main(process.argv.slice(2));
