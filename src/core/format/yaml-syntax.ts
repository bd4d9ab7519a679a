/**
 * YAML syntax errors placed where the author must look. The yaml package reports an unclosed
 * `[`, `{` or quote where the parser gave up, often lines later; the bracket or quote that was
 * opened and never closed is what needs fixing, so the error is moved to it.
 */
import { CST, Parser } from 'yaml';
import type { YAMLError } from 'yaml';
import type { OffsetProblem } from './yaml-value.js';

const UNCLOSED_FLOW = /^Flow (sequence|map)\b.*end with a ([\]}])/;
const UNCLOSED_QUOTE = /^Missing closing (["'])quote/;

interface Opening {
  readonly offset: number;
  /** `[`, `{`, `"` or `'`. */
  readonly opener: string;
}

/** The syntax errors of `text`, each as a message at an offset. */
export function syntaxProblems(text: string, errors: readonly YAMLError[]): OffsetProblem[] {
  const needsOpenings = errors.some(
    (e) => UNCLOSED_FLOW.test(e.message) || UNCLOSED_QUOTE.test(e.message),
  );
  const openings = needsOpenings ? unclosedOpenings(text) : [];
  const used = new Set<Opening>();
  return errors.map((e) => {
    const opener = unclosedOpener(e.message);
    const opening = opener
      ? openings.filter((o) => o.opener === opener && o.offset < e.pos[0] && !used.has(o)).pop()
      : undefined;
    if (!opening) return { offset: e.pos[0], message: yamlMessage(e) };
    used.add(opening);
    const closer = { '[': ']', '{': '}' }[opening.opener] ?? opening.opener;
    return {
      offset: opening.offset,
      message: `YAML: this ${opening.opener} is never closed with ${closer}`,
    };
  });
}

function unclosedOpener(message: string): string | undefined {
  const flow = UNCLOSED_FLOW.exec(message);
  if (flow) return flow[2] === ']' ? '[' : '{';
  return UNCLOSED_QUOTE.exec(message)?.[1];
}

function yamlMessage(error: YAMLError): string {
  if (error.code === 'UNEXPECTED_TOKEN') return `YAML: ${unexpected(error.message)}`;
  return `YAML: ${PLAIN_WORDS[error.code]}`;
}

/** What the parser did not expect, named by its characters where the library quotes them. */
function unexpected(message: string): string {
  const token = /: "(.+)"$/.exec(message.split('\n')[0] ?? '')?.[1];
  if (token !== undefined)
    return `"${token}" is not expected here: look at the indentation, and at the brackets and quotes before it`;
  if (/^Unexpected scalar at node end/.test(message))
    return 'more text after a whole value: a value that goes on is indented under its key, or quoted';
  if (/same line with key/.test(message))
    return 'a list item (-) on the line of its key: begin the list on the next line';
  return 'something is not expected here: look at the indentation, and at the brackets and quotes before it';
}

/**
 * Every error of the parser's said in this project's words: the library's own name its parser's
 * tokens ("flow-seq-end", "implicit keys") and are in no reader's words.
 */
const PLAIN_WORDS: Readonly<Record<Exclude<YAMLError['code'], 'UNEXPECTED_TOKEN'>, string>> = {
  ALIAS_PROPS: 'an alias (*name) takes no tag (!) or anchor (&)',
  BAD_ALIAS: 'this alias (*name) names no anchor (&name) given before it',
  BAD_COLLECTION_TYPE: 'a list or mapping of a kind this file does not take',
  BAD_DIRECTIVE: 'this directive (%) is not one YAML knows: leave it out',
  BAD_DQ_ESCAPE:
    "this escape (\\) is not one a value in double quotes may hold: write \\\\ for a backslash, or quote the value with ' instead",
  BAD_INDENT:
    'this line is not indented as those around it: the keys of one mapping, and the items of one list, begin in the same column',
  BAD_PROP_ORDER: 'an anchor (&) or tag (!) comes before the value it names, not after it',
  BAD_SCALAR_START:
    'a value may not begin with this character unless it is quoted: put it in quotes',
  BLOCK_AS_IMPLICIT_KEY:
    'a second key on one line, as in "a: b: c": put the inner keys on lines of their own, indented, or quote the value',
  BLOCK_IN_FLOW:
    'a list or mapping on lines of its own inside [ ] or { }: write it in brackets there',
  DUPLICATE_KEY: 'a key is given twice in one mapping',
  IMPOSSIBLE: 'this cannot be read as YAML',
  KEY_OVER_1024_CHARS: 'a key of more than 1024 characters: a key is a short name',
  MISSING_CHAR: 'a key here has no value after it: write key: value, or quote the text',
  MULTILINE_IMPLICIT_KEY:
    'a key runs over more than one line: a key and its colon (:) are on one line, and text that goes on is indented under it',
  MULTIPLE_ANCHORS: 'a value has at most one anchor (&)',
  MULTIPLE_DOCS: 'a second document begins here (after ---): a file holds one',
  MULTIPLE_TAGS: 'a value has at most one tag (!)',
  NON_STRING_KEY: 'a list or mapping as a key: a key is a name',
  RESOURCE_EXHAUSTION: 'the values are nested too deeply here',
  TAB_AS_INDENT: 'a tab indents this line: indent with spaces',
  TAG_RESOLVE_FAILED: 'a tag (!) YAML does not know: leave it out',
};

/** Flow collections without their closing bracket, and quoted values without their closing quote,
 * in the order they open. */
function unclosedOpenings(text: string): Opening[] {
  const openings: Opening[] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    CST.visit(token, (item) => {
      const value = item.value;
      if (value?.type === 'flow-collection') {
        const closer = value.start.source === '[' ? ']' : '}';
        if (!value.end.some((t) => t.source === closer))
          openings.push({ offset: value.start.offset, opener: value.start.source });
      }
      for (const scalar of [item.key, value])
        if (scalar?.type === 'double-quoted-scalar' || scalar?.type === 'single-quoted-scalar') {
          const quote = scalar.source[0]!;
          if (scalar.source.length < 2 || !scalar.source.endsWith(quote))
            openings.push({ offset: scalar.offset, opener: quote });
        }
    });
  }
  return openings.sort((a, b) => a.offset - b.offset);
}
