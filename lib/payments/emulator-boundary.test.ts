import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot as root, sourceFiles } from '@/test/source-files';

/**
 * The Stripe emulator is a package of its own (lib/payments/emulator, docs/payments.md): code
 * outside it reaches it only through its index, and the app only with a dynamic import(), so a
 * Stripe-mode server never loads it; nothing outside it reads its tables.
 */
const emulatorDir = path.join(root, 'lib', 'payments', 'emulator');
/** Helpers for tests, behind their own index so that the app's emulator chunk has none of them. */
const testingDir = path.join(emulatorDir, 'testing');

/** Two small leaves that production code needs synchronously, and why. */
const ALLOWED_LEAVES: Record<string, string[]> = {
  // config.ts must know the installation's keys to build the emulator's configuration.
  'lib/payments/emulator/keys.ts': ['lib/payments/config.ts', 'lib/payments/config.test.ts'],
  // The test-mode card form's hint lists the emulator's test cards (plain data, client-safe).
  'lib/payments/emulator/test-cards.ts': ['lib/payments/browser/test-cards.ts', 'lib/payments/browser/card-input.test.ts'],
};

const outside = sourceFiles(root).filter((file) => !file.startsWith(emulatorDir + path.sep));
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
// Benchmarks are test tooling too: they drive the emulator like the tests and never ship in the app.
const isTest = (file: string) => /\.(test|spec)\.tsx?$/.test(file) || ['e2e/', 'test/', 'bench/'].some((dir) => rel(file).startsWith(dir));

interface ImportSite {
  specifier: string;
  dynamic: boolean;
  typeOnly: boolean;
}

function importsOf(source: string): ImportSite[] {
  const sites: ImportSite[] = [];
  for (const m of source.matchAll(
    /\bimport\s+(type\s+)?[^'";]*?\sfrom\s+['"]([^'"]+)['"]|\bexport\s+[^'";]*?\sfrom\s+['"]([^'"]+)['"]|\bimport\s+['"]([^'"]+)['"]/g,
  )) {
    sites.push({ specifier: (m[2] ?? m[3] ?? m[4])!, dynamic: false, typeOnly: !!m[1] });
  }
  for (const m of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) sites.push({ specifier: m[1]!, dynamic: true, typeOnly: false });
  return sites;
}

/** Where a specifier points, as a path under the repository, or null for packages. */
function target(file: string, specifier: string): string | null {
  if (specifier.startsWith('@/')) return path.join(root, specifier.slice(2));
  if (specifier.startsWith('.')) return path.resolve(path.dirname(file), specifier);
  return null;
}

describe('the Stripe emulator package', () => {
  it('is reached from outside only through its index, and by the app only with a dynamic import()', () => {
    const offenders: string[] = [];
    for (const file of outside) {
      for (const site of importsOf(readFileSync(file, 'utf8'))) {
        const to = target(file, site.specifier);
        if (!to || !(to === emulatorDir || to.startsWith(emulatorDir + path.sep))) continue;
        const leaf = rel(to.replace(/\.tsx?$/, '')) + '.ts';
        if (to === testingDir || to === path.join(testingDir, 'index')) {
          if (!isTest(file)) offenders.push(`${rel(file)}: imports the emulator's test helpers (tests only)`);
        } else if (to === emulatorDir || to === path.join(emulatorDir, 'index')) {
          if (site.dynamic || site.typeOnly || isTest(file)) continue;
          offenders.push(`${rel(file)}: static import of the emulator (use loadEmulator() or import())`);
        } else if (!ALLOWED_LEAVES[leaf]?.includes(rel(file))) {
          offenders.push(`${rel(file)}: imports ${site.specifier}, an emulator internal (use its index)`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("keeps its test helpers out of the app: only tests import them, and the emulator's own code never does", () => {
    const inside = sourceFiles(emulatorDir).filter((file) => !file.startsWith(testingDir + path.sep) && !isTest(file));
    expect(inside.length).toBeGreaterThan(10);
    const offenders = inside.filter((file) =>
      importsOf(readFileSync(file, 'utf8')).some((site) => {
        const to = target(file, site.specifier);
        return !!to && (to === testingDir || to.startsWith(testingDir + path.sep));
      }),
    );
    expect(offenders.map(rel)).toEqual([]);
    // What the app loads exports the emulator, not its fixtures.
    expect(readFileSync(path.join(emulatorDir, 'index.ts'), 'utf8')).not.toMatch(/from '\.\/testing/);
  });

  it('keeps its tables to itself', () => {
    const self = path.join(root, 'lib', 'payments', 'emulator-boundary.test.ts');
    const schemaFile = path.join(root, 'db', 'schema', 'stripe-emulator.ts');
    const offenders = outside
      .filter((file) => file !== self && file !== schemaFile)
      .filter((file) => /\bstripeEmulator[A-Z]\w*|\bstripe_emulator_\w+/.test(readFileSync(file, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('has its tables in their own schema file', () => {
    const payments = readFileSync(path.join(root, 'db', 'schema', 'payments.ts'), 'utf8');
    expect(payments).not.toMatch(/stripe_emulator_/);
    expect(readFileSync(path.join(root, 'db', 'schema', 'index.ts'), 'utf8')).toContain("export * from './stripe-emulator';");
  });
});
