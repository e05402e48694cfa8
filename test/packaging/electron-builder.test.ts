// The packaging config, read as electron-builder reads it (YAML): the fuses that close ways to run other code as
// Hoist, the app id, the targets, and the icon files the targets point at. electron-builder itself cannot run here
// (it downloads its tools), so this is what keeps a later edit from quietly dropping a fuse.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/python';

type Config = Record<string, unknown> & {
  appId?: string;
  electronFuses?: Record<string, unknown>;
  linux?: { target?: unknown; icon?: string };
  mac?: { target?: unknown; icon?: string; hardenedRuntime?: boolean };
  win?: { target?: unknown; icon?: string };
  files?: string[];
};

/**
 * js-yaml (4, whose load() is the safe one) is what electron-builder parses its config with, and comes with it. Said
 * plainly if it ever is not, rather than parsed here by a second, weaker reader.
 */
function readConfig(): Config {
  const require = createRequire(import.meta.url);
  let yaml: { load(text: string): unknown };
  try {
    yaml = require('js-yaml') as typeof yaml;
  } catch {
    throw new Error(
      'js-yaml is not installed (it comes with electron-builder); run npm install to read electron-builder.yml',
    );
  }
  const text = readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8');
  return yaml.load(text) as Config;
}

const config = readConfig();

describe('electron-builder.yml', () => {
  it('flips every fuse that would let something else run as Hoist', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
  });

  it('keeps the app id the Windows entry point uses, and builds for the three systems', () => {
    expect(config.appId).toBe('dev.hoist.app');
    const main = readFileSync(join(repoRoot, 'src/main/index.ts'), 'utf8');
    expect(main).toContain(`setAppUserModelId('${config.appId}')`);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('points at icon files that exist, and packs them', () => {
    const icons = [config.linux?.icon, config.mac?.icon, config.win?.icon];
    for (const icon of icons) {
      expect(icon, 'every target names an icon').toBeTypeOf('string');
      const path = join(repoRoot, icon!);
      expect(existsSync(path), `${icon} exists`).toBe(true);
      expect(statSync(path).size).toBeGreaterThan(0);
      expect(config.files).toContain(icon);
    }
  });

  it('packs the built app (main, preload and the renderer app:// serves) and no sources or tests', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', '!src/**', '!test/**', '!**/*.map']));
  });

  it('npm run package has its tool: electron-builder is a devDependency at an exact version', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['package']).toContain('electron-builder');
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(existsSync(join(repoRoot, 'node_modules', 'electron-builder', 'package.json'))).toBe(true);
  });
});
