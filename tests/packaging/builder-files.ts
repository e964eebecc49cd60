// Shared by the packaging tests: where the project is, and its electron-builder config.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function readBuilderConfig(): Record<string, unknown> {
  const parsed: unknown = parse(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('electron-builder.yml does not hold a mapping');
  }
  return parsed as Record<string, unknown>;
}

export interface PackageJson {
  name: string;
  version: string;
  main: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export function readPackageJson(dir = projectRoot): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}
