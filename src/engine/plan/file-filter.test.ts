// Which files an exclude pattern leaves out, and what an include brings back.
import { Minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { HoistError } from '../s3/errors';
import { fileFilter } from './file-filter';

/** The names a filter leaves out, of files found inside a dropped folder "drop". */
const outOf = (names: string[], excludes?: string[], includes?: string[]): string[] => {
  const f = fileFilter(excludes, includes);
  return names.filter((n) => f.excludedBy(`drop/${n}`, true) !== undefined);
};

const tree = [
  '.DS_Store',
  'a.txt',
  'sub/.DS_Store',
  'sub/Thumbs.db',
  'sub/deep/desktop.ini',
  'sub/b.log',
  'build/out.js',
  'src/build/keep.js',
  'node_modules/x/index.js',
  '.git/config',
];

describe('fileFilter', () => {
  it('leaves the desktop files out at any depth by default, and nothing with an empty list', () => {
    expect(outOf(tree)).toEqual(['.DS_Store', 'sub/.DS_Store', 'sub/Thumbs.db', 'sub/deep/desktop.ini']);
    expect(outOf(tree, [])).toEqual([]);
  });

  it('matches a pattern without a slash against every name on the path, dotfiles included', () => {
    expect(outOf(tree, ['*.log', 'node_modules', '.git'])).toEqual([
      'sub/b.log',
      'node_modules/x/index.js',
      '.git/config',
    ]);
    expect(outOf(tree, ['.*'])).toEqual(['.DS_Store', 'sub/.DS_Store', '.git/config']);
  });

  it('matches a pattern with a slash against the path inside the dropped folder', () => {
    expect(outOf(tree, ['build/**'])).toEqual(['build/out.js']);
    expect(outOf(tree, ['**/build/**'])).toEqual(['build/out.js', 'src/build/keep.js']);
    expect(outOf(tree, ['sub/*'])).toEqual(['sub/.DS_Store', 'sub/Thumbs.db', 'sub/b.log']);
    expect(outOf(tree, ['/a.txt', './sub/b.log'])).toEqual(['a.txt', 'sub/b.log']);
  });

  it('reads a trailing slash as a folder: "build/" at any depth, "/build/" only at the top', () => {
    expect(outOf([...tree, 'build'], ['build/'])).toEqual(['build/out.js', 'src/build/keep.js']);
    expect(outOf(tree, ['/build/'])).toEqual(['build/out.js']);
  });

  it('keeps what an include matches, even when an exclude matches it too', () => {
    expect(outOf(tree, ['**'], ['*.js'])).toEqual(tree.filter((n) => !n.endsWith('.js')));
    expect(outOf(tree, undefined, ['Thumbs.db'])).toEqual(['.DS_Store', 'sub/.DS_Store', 'sub/deep/desktop.ini']);
  });

  it('names the pattern that left a file out, and matches a file named on its own by its name', () => {
    const f = fileFilter(['*.tmp', '.DS_Store']);
    expect(f.excludedBy('.DS_Store', false)).toBe('.DS_Store');
    expect(f.excludedBy('x.tmp', false)).toBe('*.tmp');
    expect(f.excludedBy('x.txt', false)).toBeUndefined();
  });

  it('refuses an empty, a control-character or an over-long pattern with a message naming it', () => {
    const refusal = (excludes: string[], includes: string[] = []) => {
      try {
        fileFilter(excludes, includes);
      } catch (err) {
        expect(err).toBeInstanceOf(HoistError);
        return { code: (err as HoistError).code, message: (err as Error).message, key: (err as HoistError).text?.key };
      }
      throw new Error('no refusal');
    };
    expect(refusal(['  '])).toEqual({
      code: 'InvalidPattern',
      message: expect.stringContaining('An empty exclude pattern'),
      key: 'selection.pattern.empty',
    });
    expect(refusal([], ['a\nb']).message).toMatch(/The include pattern "a\nb" is not a glob Hoist can use/);
    expect(refusal(['/']).message).toContain('The exclude pattern "/"');
    expect(refusal(['x'.repeat(2000)]).message).toMatch(/longer than 1024 characters/);
  });

  it("matches a name as minimatch's own match() does, for one-name patterns", () => {
    const patterns = [
      '.DS_Store',
      'Thumbs.db',
      '*.log',
      '.*',
      '?x',
      '[ab]*',
      'a\\*b',
      '{c,d}.tmp',
      '*.[Jj][Pp]G',
      'é*',
      // Escapes: match()'s shortcut for "*.ext" takes "*\\.log" literally, backslash and all; the filter agrees.
      '*\\.log',
      '??\\.txt',
      '*\\]',
    ];
    const names = [
      '.DS_Store',
      'x.DS_Store',
      'thumbs.db',
      'a.log',
      '.log',
      '.hidden',
      'ax',
      'bx',
      'a*b',
      'axb',
      'c.tmp',
    ];
    const more = ['d.tmp', 'e.tmp', 'P.JPG', 'p.jpg', 'é.txt', 'e\u0301.txt', '', '..', 'a b', '[ab]', 'ab.txt', 'x]'];
    more.push('a\\.log', 'ab\\.txt', 'x\\]');
    for (const pattern of patterns) {
      const mm = new Minimatch(pattern, { dot: true, nocomment: true, nonegate: true });
      const filter = fileFilter([pattern]);
      for (const name of [...names, ...more]) {
        if (name === '') continue;
        expect([pattern, name, filter.excludedBy(name, false) !== undefined]).toEqual([pattern, name, mm.match(name)]);
      }
    }
  });
});
