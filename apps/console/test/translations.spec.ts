import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { ar } from '../src/lib/i18n/ar';
import { en } from '../src/lib/i18n/en';
import { es } from '../src/lib/i18n/es';
import { fr } from '../src/lib/i18n/fr';

/**
 * The console speaks English, French, Spanish and Arabic: every string it shows must exist in each
 * catalogue (with each language's plural forms and the same {{placeholders}}), and no text may be
 * written straight into the JSX, where no translation can reach it.
 */
type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;
// Jest runs from the repository root (rootDir), and ES module tests have no __dirname.
const SOURCE = join(process.cwd(), 'apps/console/src');

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else flatten(value, path).forEach((text, inner) => keys.set(inner, text));
  }
  return keys;
}

const COUNTS = new Set(['count', 'formatted']);
const named = (name: string) => !COUNTS.has(name);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

function problems(language: string, catalogue: Tree): string[] {
  const english = flatten(en as Tree);
  const translated = flatten(catalogue);
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const found: string[] = [];
  const expected = new Set<string>();
  for (const [key, text] of english) {
    const plural = PLURAL.exec(key);
    const wanted = plural ? categories.map((category) => key.replace(PLURAL, `_${category}`)) : [key];
    for (const wantedKey of wanted) {
      expected.add(wantedKey);
      const translation = translated.get(wantedKey);
      if (translation === undefined || translation.trim() === '') found.push(`${language}: missing ${wantedKey}`);
      // A plural form may name its number in words ("one lead", "two leads") instead of {{count}}.
      else if (placeholders(translation).filter(named).join() !== placeholders(text).filter(named).join()) {
        found.push(
          `${language}: ${wantedKey} has placeholders ${placeholders(translation)}, English has ${placeholders(text)}`,
        );
      }
    }
  }
  for (const key of translated.keys())
    if (!expected.has(key)) found.push(`${language}: ${key} is not in the English catalogue`);
  return [...new Set(found)];
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.tsx') ? [path] : [];
  });
}

/** Text a user would read, written in JSX: element text and the attributes that are shown or read aloud. */
const SHOWN_ATTRIBUTES = new Set([
  'label',
  'title',
  'placeholder',
  'aria-label',
  'description',
  'alt',
  'error',
  'aria-description',
]);
/** Names that are the same in every language. */
const ALLOWED = new Set(['Dragnet']);

function literalTexts(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, value: string) => {
    const trimmed = value.trim();
    // Paths such as /api/admin/queues are addresses, not words.
    if (/\p{L}/u.test(trimmed) && !ALLOWED.has(trimmed) && !/^\/[\w/.-]*$/.test(trimmed)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(SOURCE, file)}:${line + 1}: "${trimmed}"`);
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    if (ts.isJsxAttribute(node) && SHOWN_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) report(node, node.initializer.text);
      if (
        ts.isJsxExpression(node.initializer) &&
        node.initializer.expression &&
        ts.isStringLiteralLike(node.initializer.expression)
      ) {
        report(node, node.initializer.expression.text);
      }
    }
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      if (node.expression && ts.isStringLiteralLike(node.expression)) report(node, node.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the console’s translations', () => {
  it.each([
    ['fr', fr],
    ['es', es],
    ['ar', ar],
  ])('%s has every English key, in each of its plural forms, with the same placeholders', (language, catalogue) => {
    expect(problems(language, catalogue as Tree)).toEqual([]);
  });

  it('writes no user-visible text straight into JSX', () => {
    expect(sourceFiles(SOURCE).flatMap(literalTexts)).toEqual([]);
  });

  it('notices a missing key and a literal string (the checks above can fail)', () => {
    const english = en as Tree;
    expect(problems('fr', { ...(fr as Tree), nav: {} })).toContain('fr: missing nav.account');
    expect(Object.keys(english)).toContain('nav');
    const probe = join(SOURCE, '../test/fixtures/literal.tsx');
    expect(literalTexts(probe)).toEqual([
      expect.stringContaining('"Send the lead"'),
      expect.stringContaining('"Place"'),
    ]);
  });
});
