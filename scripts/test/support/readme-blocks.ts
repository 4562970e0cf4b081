/** A shell example of the README and the section it stands in (`## …`, or `## … / ### …`). */
export interface ReadmeBlock {
  section: string;
  script: string;
}

/** Every ```sh block of a Markdown text, in order, with its section. */
export function shellBlocks(markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  let heading = '';
  let subheading = '';
  let current: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (current) {
      if (line.startsWith('```')) {
        blocks.push({ section: subheading ? `${heading} / ${subheading}` : heading, script: current.join('\n') });
        current = null;
      } else current.push(line);
    } else if (line.startsWith('## ')) {
      heading = line.slice(3);
      subheading = '';
    } else if (line.startsWith('### ')) subheading = line.slice(4);
    else if (line.startsWith('```sh')) current = [];
  }
  return blocks;
}

/** The output of a script run with a marker line before each part: each part's output, by marker. */
export function splitByMarker(output: string, marker: string): string[] {
  return output.split(`${marker}\n`).slice(1);
}
