import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isSectionsError } from '../../src/errors.js';
import { acquireLockFile } from '../../src/lock-file.js';
import { createTempProject } from '../helpers/temp-project.js';

const options = { command: 'generate', what: 'the project' };

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the lock file', () => {
  it('a second holder waits, says for whom, and times out naming the holder (pid, command, since)', async () => {
    const project = createTempProject();
    const file = project.path('project.lock');
    const first = await acquireLockFile(file, options);
    const messages: string[] = [];
    const error = await acquireLockFile(file, { command: 'add-table', what: 'the project', timeoutMs: 300, onWait: (message) => messages.push(message) }).catch((caught: unknown) => caught);
    expect(isSectionsError(error) && error.exitCode).toBe(1);
    expect((error as Error).message).toMatch(new RegExp(`^the project is locked by sections generate \\(pid ${process.pid}, since [0-9:]+.*\\); waited 0 s$`));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^waiting for sections generate \(pid \d+, since .+\) to finish with the project$/);
    await first.release();
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(project.dir)).toEqual([]);
  });

  it('a waiter gets the lock as soon as the holder releases it', async () => {
    const project = createTempProject();
    const file = project.path('project.lock');
    const first = await acquireLockFile(file, options);
    const second = acquireLockFile(file, { ...options, timeoutMs: 10_000 });
    setTimeout(() => void first.release(), 300);
    const held = await second;
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    await held.release();
    expect(existsSync(file)).toBe(false);
  });

  it('a killed holder does not block: its dead pid is taken over at once', async () => {
    const project = createTempProject();
    const file = project.path('project.lock');
    writeFileSync(file, JSON.stringify({ pid: deadPid(), hostname: hostname(), command: 'generate', since: new Date().toISOString(), token: 'dead' }));
    const held = await acquireLockFile(file, { ...options, timeoutMs: 0 });
    expect(JSON.parse(readFileSync(file, 'utf8')).token).not.toBe('dead');
    await held.release();
  });

  it('a pid reused by another process (another start time) is a dead holder too', async () => {
    const project = createTempProject();
    const file = project.path('project.lock');
    writeFileSync(file, JSON.stringify({ pid: process.pid, hostname: hostname(), command: 'generate', since: new Date().toISOString(), token: 'old', started: '1' }));
    const held = await acquireLockFile(file, { ...options, timeoutMs: 0 });
    await held.release();
    expect(existsSync(file)).toBe(false);
  });

  it('a holder on another host is waited for, and the message says where and how to remove it', async () => {
    const project = createTempProject();
    const file = project.path('project.lock');
    writeFileSync(file, JSON.stringify({ pid: deadPid(), hostname: 'build-box', command: 'check', since: new Date().toISOString(), token: 'remote' }));
    const error = (await acquireLockFile(file, { ...options, timeoutMs: 200 }).catch((caught: unknown) => caught)) as Error & { details: string[] };
    expect(error.message).toMatch(/locked by sections check \(pid \d+ on build-box, since /);
    expect(error.details).toContain(`if no such process is running on build-box, remove ${file}`);
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe('remote');
  });

  it('releasing a lock that another holder took over leaves the other holder alone', async () => {
    const project = createTempProject();
    const file = project.path('project.lock');
    const first = await acquireLockFile(file, options);
    writeFileSync(file, JSON.stringify({ pid: process.pid, hostname: hostname(), command: 'check', since: new Date().toISOString(), token: 'other' }));
    await first.release();
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toBe('other');
  });
});
