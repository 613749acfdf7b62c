// `khwamdee log verify <url>` against a real server process: a clean log verifies, and a credit row
// edited directly in the database is named by its log index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runCli, runCliToEnd } from './support/process.js';

const dir = mkdtempSync(join(tmpdir(), 'khwamdee-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('khwamdee log verify', () => {
  it('verifies the public log from its URL alone and names the first tampered entry', async () => {
    const dataDir = join(dir, 'data');
    const port = await freePort();
    const server = runCli(['serve', '--sample-data'], { PORT: String(port), KHWAMDEE_DATA_DIR: dataDir });
    try {
      const [, url] = await server.waitFor(/is running: (http:\/\/\S+)\/docs/);
      const db = new Database(join(dataDir, 'khwamdee.sqlite'));
      const credits = () => (db.prepare('select count(*) n from credits').get() as { n: number }).n;
      // Wait until the sequencer has integrated every sample credit into a signed checkpoint.
      for (let i = 0; i < 100; i++) {
        const cp = await (await fetch(`${url}/log/checkpoint`)).text();
        if (Number(cp.split('\n')[1]) >= credits() && credits() > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const state = join(dir, 'state.json');
      const env = { HOME: dir };
      const first = await runCliToEnd(['log', 'verify', url!, '--state', state], env);
      expect(first.code, first.output).toBe(0);
      const again = await runCliToEnd(['log', 'verify', url!, '--state', state], env);
      expect(again.code, again.output).toBe(0);

      const victim = db
        .prepare(
          "select c.id, e.leaf_index from credits c join log_entries e on e.ref_id = c.id and e.kind = 'credit' where e.leaf_index is not null order by e.leaf_index desc limit 1",
        )
        .get() as { id: string; leaf_index: number };
      db.prepare('update credits set points = points + 100 where id = ?').run(victim.id);
      db.close();
      const bad = await runCliToEnd(['log', 'verify', url!, '--state', state], env);
      expect(bad.code, bad.output).toBe(1);
      expect(bad.output).toContain(`entry ${victim.leaf_index}`);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
