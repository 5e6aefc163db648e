/**
 * The files a Markdown guide shows: a fenced code block right after an
 * `<!-- app: <path> -->` comment is the full content of `<path>`.
 * Returns a Map from path to content (with the trailing newline a file has).
 */
function docBlocks(markdown) {
  const blocks = new Map();
  const pattern = /<!-- app: (\S+) -->\n```[a-z]*\n([\s\S]*?)```/g;
  for (const match of markdown.matchAll(pattern)) {
    if (blocks.has(match[1])) throw new Error(`the guide shows ${match[1]} twice`);
    blocks.set(match[1], match[2]);
  }
  return blocks;
}

module.exports = { docBlocks };
