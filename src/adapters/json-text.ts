import { ArgusError } from '../core/errors.js';

/**
 * JSON.parse with an error that names the line and the problem in one line. Node's own message
 * omits the position for some errors and quotes the whole input, so on failure a small scanner
 * walks the text to find the first offending token.
 */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const found = locateJsonError(text);
    const line = found ? lineAt(text, found.offset) : undefined;
    const problem = found?.problem ?? 'invalid JSON';
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${source}${line === undefined ? '' : `:${line}`}: invalid JSON: ${problem}`, { cause: err });
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

interface JsonProblem {
  offset: number;
  problem: string;
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON strings may not hold raw control characters (U+0000 to U+001F).
// eslint-disable-next-line no-control-regex
const STRING_RE = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Returns the first syntax problem in `text`, or undefined when it is valid JSON. */
export function locateJsonError(text: string): JsonProblem | undefined {
  let i = 0;
  const skip = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const describe = () => (i >= text.length ? 'end of input' : JSON.stringify(text.slice(i, i + 12)));
  const fail = (expected: string): never => {
    throw { offset: i, problem: `expected ${expected}, got ${describe()}` } satisfies JsonProblem;
  };
  const matchRe = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  const value = (): void => {
    skip();
    const ch = text[i];
    if (ch === '{') {
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skip();
        if (!matchRe(STRING_RE)) fail('a quoted key');
        skip();
        if (text[i] !== ':') fail("':'");
        i++;
        value();
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail("',' or '}'");
      }
    }
    if (ch === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail("',' or ']'");
      }
    }
    if (ch === '"') {
      if (!matchRe(STRING_RE)) fail('a valid string');
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (!matchRe(NUMBER_RE)) fail('a value');
  };
  try {
    value();
    skip();
    if (i < text.length) fail('end of input');
    return undefined;
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'offset' in e) return e as JsonProblem;
    throw e;
  }
}
