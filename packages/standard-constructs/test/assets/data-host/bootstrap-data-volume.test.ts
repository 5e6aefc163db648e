/**
 * The bootstrap's data-volume decisions, run for real on loop devices: a
 * blank volume becomes a new database only while the init marker says no
 * database exists yet; otherwise, and for a volume that carries data without
 * a recognisable file system, it fails (and signals CloudFormation) without
 * writing a byte. None of these cases starts PostgreSQL, so they are quick.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import { describeBootstrap, TestHost } from './bootstrap-harness';

jest.setTimeout(120_000);

/** True when the first `bytes` of the device read as zeros. */
function zeros(device: string, bytes: number): boolean {
  return spawnSync('cmp', ['-s', '-n', String(bytes), device, '/dev/zero']).status === 0;
}

describeBootstrap('bootstrap.sh data volume')('bootstrap.sh data volume (loop devices)', () => {
  const hosts: TestHost[] = [];
  const host = (marker: string) => {
    const made = new TestHost({ volumeMiB: 128, marker });
    hosts.push(made);
    return made;
  };
  afterAll(() => hosts.forEach((h) => h.cleanup()));

  test('a blank volume on a host whose database was initialised before is refused, not formatted', () => {
    const h = host('vol-0123456789abcdef0');
    const run = h.run();
    expect(run.result.status).not.toBe(0);
    expect(run.result.stderr).toMatch(/is blank, but a database was initialised before \(on volume vol-0123456789abcdef0\): refusing to create an empty one/);
    expect(run.result.stderr).toContain('set the SSM parameter marker to \'none\'');
    expect(zeros(h.device!, 128 * 1024 * 1024)).toBe(true);
    expect(h.signals()).toEqual(['HostBootstrapped FAILURE']);
  });

  test('a volume with data but no file-system signature (a damaged superblock) is never formatted, even for a new database', () => {
    const h = host('none');
    // A real ext4 file system whose superblock is then wiped: blkid calls that "blank".
    execFileSync('mkfs.ext4', ['-q', h.device!]);
    execFileSync('dd', ['if=/dev/zero', `of=${h.device}`, 'bs=1024', 'seek=1', 'count=1', 'conv=notrunc', 'status=none']);
    expect(spawnSync('blkid', ['-p', h.device!]).status).toBe(2);
    const before = execFileSync('sha256sum', [h.device!], { encoding: 'utf8' });
    const run = h.run();
    expect(run.result.status).not.toBe(0);
    expect(run.result.stderr).toMatch(/has no recognisable file system but is not blank \(a damaged superblock\?\): refusing to format it/);
    expect(execFileSync('sha256sum', [h.device!], { encoding: 'utf8' })).toBe(before);
    expect(h.signals()).toEqual(['HostBootstrapped FAILURE']);
  });

  test('a file system without a cluster, on a host that had a database, gets no new empty cluster', () => {
    const h = host('vol-0123456789abcdef0');
    execFileSync('mkfs.ext4', ['-q', h.device!]);
    const run = h.run();
    expect(run.result.status).not.toBe(0);
    expect(run.result.stderr).toMatch(/holds no cluster, but a database was initialised before .*refusing to create an empty one/);
    expect(fs.readdirSync(h.dataRoot)).toEqual(['lost+found']);
    expect(h.signals()).toEqual(['HostBootstrapped FAILURE']);
  });
});
