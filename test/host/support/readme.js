// The README's "Install in your Nest app" section is the one source of truth: the commands and
// files a host test uses are read from its `<!-- host:NAME -->` blocks, so the two cannot drift.
import { readFileSync } from 'node:fs';

const README = new URL('../../../README.md', import.meta.url);

/** Every `<!-- host:NAME -->` block of the README: NAME → the fenced code right below it. */
export function readmeBlocks() {
  const text = readFileSync(README, 'utf8');
  const blocks = new Map();
  for (const match of text.matchAll(/<!-- host:(.+?) -->\n\s*```\w*\n([\s\S]*?)\n```/g)) {
    blocks.set(match[1], `${match[2]}\n`);
  }
  return blocks;
}

export function readmeBlock(name) {
  const block = readmeBlocks().get(name);
  if (!block) throw new Error(`README.md has no <!-- host:${name} --> block`);
  return block;
}

/**
 * The `npm install` commands of a block, each as its argument list (comments dropped), keyed by
 * the `# Title` line above it (`SQLite`, `TypeScript, SQLite`, …) or listed in order.
 */
export function installCommands(blockName) {
  const commands = [];
  let title = null;
  for (const line of readmeBlock(blockName).split('\n')) {
    const heading = line.match(/^#\s*(.+)$/);
    if (heading) title = heading[1].trim();
    if (!line.startsWith('npm install ')) continue;
    const args = line
      .replace(/\s+#.*$/, '')
      .split(/\s+/)
      .slice(2);
    commands.push({ title, args });
    title = null;
  }
  return commands;
}

export function installCommand(blockName, title) {
  const command = installCommands(blockName).find((candidate) => candidate.title === title);
  if (!command) throw new Error(`README.md's ${blockName} block has no "# ${title}" command`);
  return command.args;
}
