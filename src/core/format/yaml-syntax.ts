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
  const plain = PLAIN_WORDS[error.code];
  if (plain) return `YAML: ${plain}`;
  // The yaml library appends a source excerpt after the first line; the position says enough.
  return `YAML: ${error.message.split('\n')[0] ?? error.message}`;
}

/** The parser's errors said in this project's words, where its own name the library. */
const PLAIN_WORDS: Partial<Record<YAMLError['code'], string>> = {
  RESOURCE_EXHAUSTION: 'the values are nested too deeply here',
  MULTIPLE_DOCS: 'a second document begins here (after ---): a file holds one',
  TAB_AS_INDENT: 'a tab indents this line: indent with spaces',
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
