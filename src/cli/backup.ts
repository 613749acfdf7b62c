// `khwamdee backup DIR` / `khwamdee restore DIR`: one directory holding the database (SQLite's online
// backup API, so the server can keep writing; `pg_dump --format=custom` for PostgreSQL), the keys
// without which the data is unreadable (the secrets that encrypt national IDs, the log and token
// signing keys), the evidence files, and a manifest with each file's SHA-256. A restore checks every
// hash before it writes anything and only writes into an empty installation, so it never mixes two.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { LOG_KEY_FILE } from '../adapters/log-key.js';

const run = promisify(execFile);

export const SQLITE_FILE = 'khwamdee.sqlite';
const KEY_FILES = ['secrets.json', LOG_KEY_FILE, 'jwt-signing-key.json'];
const EVIDENCE_DIR = 'evidence';
const MANIFEST = 'manifest.json';

export interface BackupManifest {
  format: 'khwamdee-backup';
  version: 1;
  database: 'sqlite' | 'postgres';
  createdAt: string;
  files: { path: string; sha256: string; bytes: number }[];
}

/** A backup or restore that cannot go ahead; the message says why in Thai and English. */
export class BackupError extends Error {
  constructor(th: string, en: string) {
    super(`${th} / ${en}`);
    this.name = 'BackupError';
  }
}

export interface BackupTarget {
  dataDir: string;
  databaseUrl?: string | undefined;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function filesUnder(root: string, dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(root, path) : e.isFile() ? [relative(root, path)] : [];
  });
}

const DATABASE_FILE = { sqlite: 'database.sqlite', postgres: 'database.pgdump' } as const;

export async function backup(from: BackupTarget, dir: string, now: Date = new Date()): Promise<BackupManifest> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new BackupError(`ที่เก็บสำรอง ${dir} ต้องว่าง`, `the backup directory ${dir} must be empty`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const database = from.databaseUrl ? 'postgres' : 'sqlite';
  const dbFile = join(dir, DATABASE_FILE[database]);
  if (from.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dbFile}`, from.databaseUrl]);
  } else {
    const live = join(from.dataDir, SQLITE_FILE);
    if (!existsSync(live)) throw new BackupError(`ไม่พบฐานข้อมูล ${live}`, `no database at ${live}`);
    const source = new Sqlite(live, { readonly: true, fileMustExist: true });
    try {
      await source.backup(dbFile);
    } finally {
      source.close();
    }
  }
  for (const key of KEY_FILES) {
    const path = join(from.dataDir, key);
    if (existsSync(path)) copyFileSync(path, join(dir, key));
  }
  if (existsSync(join(from.dataDir, EVIDENCE_DIR))) cpSync(join(from.dataDir, EVIDENCE_DIR), join(dir, EVIDENCE_DIR), { recursive: true });
  const files = filesUnder(dir, dir).map((path) => {
    chmodSync(join(dir, path), 0o600);
    return { path, sha256: sha256(join(dir, path)), bytes: statSync(join(dir, path)).size };
  });
  const manifest: BackupManifest = { format: 'khwamdee-backup', version: 1, database, createdAt: now.toISOString(), files };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

function readManifest(dir: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`ไม่พบหรืออ่าน ${MANIFEST} ใน ${dir} ไม่ได้`, `no readable ${MANIFEST} in ${dir}`);
  }
  if (manifest.format !== 'khwamdee-backup' || manifest.version !== 1 || !Array.isArray(manifest.files)) throw new BackupError('ไม่ใช่ข้อมูลสำรองของความดี', 'not a Khwamdee backup');
  for (const f of manifest.files) {
    const path = join(dir, f.path);
    if (relative(dir, path).startsWith('..')) throw new BackupError(`ชื่อไฟล์ไม่ถูกต้อง: ${f.path}`, `bad file name: ${f.path}`);
    if (!existsSync(path) || sha256(path) !== f.sha256) throw new BackupError(`ไฟล์ ${f.path} หายไปหรือถูกแก้ไข`, `${f.path} is missing or was changed`);
  }
  return manifest;
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema = 'public'");
    return Number(r.rows[0]?.n ?? 0) === 0;
  } finally {
    await client.end();
  }
}

export async function restore(dir: string, to: BackupTarget): Promise<BackupManifest> {
  const manifest = readManifest(dir);
  const wanted = to.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.database !== wanted) throw new BackupError(`ข้อมูลสำรองนี้เป็นของ ${manifest.database} ไม่ใช่ ${wanted}`, `this backup is of ${manifest.database}, not ${wanted}`);
  // Into an empty installation only: keys of another installation would make its data unreadable.
  const present = [SQLITE_FILE, ...KEY_FILES].filter((f) => existsSync(join(to.dataDir, f)));
  if (present.length > 0) throw new BackupError(`ที่ข้อมูล ${to.dataDir} มีข้อมูลอยู่แล้ว (${present.join(', ')})`, `${to.dataDir} already holds an installation (${present.join(', ')})`);
  if (to.databaseUrl && !(await postgresIsEmpty(to.databaseUrl))) throw new BackupError('ฐานข้อมูลปลายทางมีตารางอยู่แล้ว', 'the target database already has tables');
  mkdirSync(to.dataDir, { recursive: true, mode: 0o700 });
  for (const f of manifest.files) {
    if (f.path === DATABASE_FILE.postgres) continue;
    const target = join(to.dataDir, f.path === DATABASE_FILE.sqlite ? SQLITE_FILE : f.path);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    copyFileSync(join(dir, f.path), target);
    chmodSync(target, 0o600);
  }
  if (to.databaseUrl)
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${to.databaseUrl}`, join(dir, DATABASE_FILE.postgres)]);
  return manifest;
}
