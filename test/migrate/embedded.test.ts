import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { REPO_ROOT } from '../helpers/temp-project.js';
import { M1, M2, migrationProject } from './migration-project.js';

const PRELOAD = pathToFileURL(join(REPO_ROOT, 'test', 'crash', 'kill-at-write.mjs')).href;

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('the embedded database of migrate and status', () => {
  it('status and migrate --dry-run create nothing', async () => {
    const project = migrationProject([M1, M2]);
    const before = project.snapshot();
    const status = await runCli(['--json', 'status', '--local'], { cwd: project.dir });
    expect(status.exitCode).toBe(1);
    expect((JSON.parse(status.stdout) as { migrations: { status: string }[] }).migrations.map((state) => state.status)).toEqual(['pending', 'pending']);
    const dry = await runCli(['migrate', '--local', '--dry-run'], { cwd: project.dir });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/would apply 0000_first\nwould apply 0001_second/);
    expect(project.exists('.sections')).toBe(false);
    expect(project.snapshot()).toEqual(before);
  });

  it('is created whole: a run killed before its cluster is in place leaves nothing the next run trips on', async () => {
    const crashEnv = (dir: string, env: Record<string, string>) => ({ NODE_OPTIONS: `--import=${PRELOAD}`, SECTIONS_CRASH_PROJECT: dir, ...env });
    // A killed run's half-copied cluster is removed by the next run.
    const stray = migrationProject([M1, M2]);
    mkdirSync(stray.path('.sections', `pglite.${deadPid()}-0a1b2c3d.tmp`, 'base'), { recursive: true });
    expect((await runCli(['migrate', '--local'], { cwd: stray.dir })).exitCode).toBe(0);
    expect(readdirSync(stray.path('.sections')).sort()).toEqual(['pglite']);

    // A run killed with its copy complete but not yet renamed into place.
    const counted = migrationProject([M1, M2]);
    const countFile = `${counted.dir}.calls.json`;
    expect((await runCli(['migrate', '--local'], { cwd: counted.dir, env: crashEnv(counted.dir, { SECTIONS_COUNT_FILE: countFile }) })).exitCode).toBe(0);
    const calls = JSON.parse(readFileSync(countFile, 'utf8')) as string[];
    const intoPlace = calls.findIndex((call) => /^rename .*\.sections\/pglite\.\d+-[0-9a-f]+\.tmp -> .*\.sections\/pglite$/.test(call)) + 1;
    expect(intoPlace).toBeGreaterThan(0);
    const fresh = migrationProject([M1, M2]);
    const killed = await runCli(['migrate', '--local'], { cwd: fresh.dir, env: crashEnv(fresh.dir, { SECTIONS_KILL_AT: String(intoPlace) }) });
    expect(killed.exitCode).toBe(-1);
    expect(fresh.exists('.sections/pglite')).toBe(false);
    const next = await runCli(['migrate', '--local'], { cwd: fresh.dir });
    expect(next.exitCode, next.stderr).toBe(0);
    expect(next.stdout).toMatch(/applied 0000_first\napplied 0001_second/);
    expect(readdirSync(fresh.path('.sections')).sort()).toEqual(['pglite']);
  });

  it('a damaged one: one line saying how to start afresh, in text and --json', async () => {
    const project = migrationProject([M1]);
    expect((await runCli(['migrate', '--local'], { cwd: project.dir })).exitCode).toBe(0);
    writeFileSync(project.path('.sections/pglite/global/pg_control'), '');
    for (const command of ['status', 'migrate']) {
      const text = await runCli([command, '--local'], { cwd: project.dir });
      expect(text.exitCode).toBe(1);
      expect(text.stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^error the embedded database in \S+\.sections\/pglite does not start \(.+\); it is damaged: remove the folder to start afresh \(its data is lost\), then run `sections migrate`$/),
      ]);
      const json = await runCli(['--json', command, '--local'], { cwd: project.dir });
      expect((JSON.parse(json.stdout) as { ok: boolean; error: { message: string } }).error.message).toContain('remove the folder to start afresh');
    }
  });

  it('another process using it: migrate waits, says for whom, and gives up after --lock-timeout naming it', async () => {
    const project = migrationProject([M1]);
    mkdirSync(project.path('.sections'), { recursive: true });
    writeFileSync(project.path('.sections/pglite.lock'), JSON.stringify({ pid: process.pid, hostname: hostname(), command: 'migrate', since: new Date().toISOString(), token: 'test' }));
    const result = await runCli(['migrate', '--local', '--lock-timeout', '1'], { cwd: project.dir });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^waiting for sections migrate \\(pid ${process.pid}, since .+\\) to finish with the embedded database \\S+\\.sections/pglite\n`));
    expect(result.stderr).toMatch(new RegExp(`\nerror the embedded database \\S+ is locked by sections migrate \\(pid ${process.pid}, since .+\\); waited 1 s\n`));
    expect(project.exists('.sections/pglite')).toBe(false);
  });
});
