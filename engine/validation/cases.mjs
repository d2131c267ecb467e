// Shared by the make-*.mjs generators: replaces a validation folder with <id>.plan.json + <id>.expected.json pairs.
import fs from 'node:fs';
import path from 'node:path';

/** Writes `cases` ({ id, plan, expected }) into `folder`, removing what was there, and says how many. */
export function writeCases(folder, cases) {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  for (const { id, plan, expected } of cases) {
    fs.writeFileSync(path.join(folder, `${id}.plan.json`), JSON.stringify(plan, null, 2) + '\n');
    fs.writeFileSync(path.join(folder, `${id}.expected.json`), JSON.stringify(expected, null, 2) + '\n');
  }
  console.log(`wrote ${cases.length} cases to ${path.relative(process.cwd(), folder)}`);
}
