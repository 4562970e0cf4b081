import { shellBlocks, splitByMarker } from './readme-blocks.js';

describe('shellBlocks', () => {
  it('finds each sh block with its section, and only sh blocks', () => {
    const markdown = [
      '## One',
      '```sh',
      'echo a',
      '```',
      '```json',
      '{}',
      '```',
      '### Sub',
      '```sh',
      'echo b',
      'echo c',
      '```',
      '## Two',
      '```sh',
      '```',
    ].join('\n');
    expect(shellBlocks(markdown)).toEqual([
      { section: 'One', script: 'echo a' },
      { section: 'One / Sub', script: 'echo b\necho c' },
      { section: 'Two', script: '' },
    ]);
  });

  it('splits output at the markers', () => {
    expect(splitByMarker('@@\na\n@@\n@@\nb\n', '@@')).toEqual(['a\n', '', 'b\n']);
  });
});
