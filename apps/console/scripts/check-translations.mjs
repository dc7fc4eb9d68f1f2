// Fails the console's build when a string the code asks for is missing from the English catalogue:
// every literal key of t('...') must exist (or its _one/_other plural forms), and every key built
// from a template (`enum.taskStatus.${status}`) must name a group that exists.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src', import.meta.url));
const catalogueText = readFileSync(join(source, 'lib/i18n/en.ts'), 'utf8');
const literal = catalogueText.slice(catalogueText.indexOf('{'), catalogueText.lastIndexOf('}') + 1);
const catalogue = new Function(`return (${literal});`)();

const lookup = (key) =>
  key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), catalogue);
const files = (directory) =>
  readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

const problems = [];
for (const file of files(source)) {
  const text = readFileSync(file, 'utf8');
  for (const [, key] of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) {
    const found = typeof lookup(key) === 'string' || typeof lookup(`${key}_other`) === 'string';
    if (!found) problems.push(`${file.slice(source.length + 1)}: missing key ${key}`);
  }
  for (const [, prefix] of text.matchAll(/\bt\(\s*`([\w.]+)\.\$\{/g)) {
    if (typeof lookup(prefix) !== 'object') problems.push(`${file.slice(source.length + 1)}: missing group ${prefix}`);
  }
}
if (problems.length > 0) {
  console.error(`Translation catalogue (apps/console/src/lib/i18n/en.ts) is missing:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('Translations: every key the console uses is in the English catalogue.');
