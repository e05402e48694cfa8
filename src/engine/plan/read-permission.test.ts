// The walk trusts the permission bits only when they grant reading, in the class POSIX checks for this process.
import { describe, expect, it } from 'vitest';
import { readableByMode } from './read-permission';

const posix = typeof process.geteuid === 'function';
const uid = posix ? process.geteuid!() : 0;
const gid = posix ? process.getegid!() : 0;
/** An id this process is neither (nor in the group of). */
const stranger = 4_000_000_000;
const st = (mode: number, owner: number, group: number) => ({
  mode: BigInt(0o100000 | mode),
  uid: BigInt(owner),
  gid: BigInt(group),
});

describe.skipIf(!posix)('readableByMode', () => {
  it("reads the owner's bits for the owner, and only those", () => {
    expect(readableByMode(st(0o400, uid, stranger))).toBe(true);
    // Owner without read, though group and others may: POSIX does not fall through to the other classes.
    expect(readableByMode(st(0o044, uid, gid))).toBe(false);
  });

  it("reads the group's bits for a member of the file's group", () => {
    expect(readableByMode(st(0o040, stranger, gid))).toBe(true);
    expect(readableByMode(st(0o404, stranger, gid))).toBe(false);
  });

  it("reads the others' bits for everyone else", () => {
    expect(readableByMode(st(0o004, stranger, stranger))).toBe(true);
    expect(readableByMode(st(0o440, stranger, stranger))).toBe(false);
    expect(readableByMode(st(0o000, stranger, stranger))).toBe(false);
  });
});
