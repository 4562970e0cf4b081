import type { FieldError } from '../http/problem.js';
import { MAX_ARRAY_ITEMS, MAX_OBJECT_FIELDS } from './hostile-json.js';

interface Frame {
  isObject: boolean;
  /** Commas seen directly in this object or list: its members so far, less one. */
  commas: number;
  /** Where the current key's JSON string starts and ends in the text (objects only). */
  keyStart: number;
  keyEnd: number;
  expectingKey: boolean;
}

/**
 * Finds, in the JSON text before it is parsed, an object with more than `MAX_OBJECT_FIELDS` fields or
 * a list of more than `MAX_ARRAY_ITEMS` items, and names it by its path. One pass over the characters
 * with no allocation per member: parsing 90,000 keys into an object holds the event loop for ~100 ms,
 * this refuses them in a few (issue 13). Text that is not JSON is left to the parser to refuse.
 */
export function oversizedContainer(text: string): FieldError | undefined {
  const stack: Frame[] = [];
  let inString = false;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (inString) {
      // Jump to the closing quote: a 1 MB string is one indexOf, not a million steps.
      let end = text.indexOf('"', at);
      while (end !== -1 && escaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return undefined;
      at = end;
      inString = false;
      const frame = stack[stack.length - 1];
      if (frame?.isObject && frame.expectingKey) {
        frame.keyEnd = at + 1;
        frame.expectingKey = false;
      }
      continue;
    }
    if (code === 0x22) {
      inString = true;
      const frame = stack[stack.length - 1];
      if (frame?.isObject && frame.expectingKey) frame.keyStart = at;
    } else if (code === 0x7b || code === 0x5b) {
      stack.push({ isObject: code === 0x7b, commas: 0, keyStart: 0, keyEnd: 0, expectingKey: code === 0x7b });
    } else if (code === 0x7d || code === 0x5d) {
      stack.pop();
    } else if (code === 0x2c) {
      const frame = stack[stack.length - 1];
      if (!frame) continue;
      frame.commas += 1;
      frame.expectingKey = frame.isObject;
      const limit = frame.isObject ? MAX_OBJECT_FIELDS : MAX_ARRAY_ITEMS;
      if (frame.commas + 1 > limit) {
        const what = frame.isObject ? `${MAX_OBJECT_FIELDS} fields` : `${MAX_ARRAY_ITEMS} items`;
        return { field: pathOf(text, stack.slice(0, -1)) || 'body', message: `must not have more than ${what}` };
      }
    }
  }
  return undefined;
}

/** Whether the quote at `at` is escaped: preceded by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let before = at - 1; before >= 0 && text.charCodeAt(before) === 0x5c; before -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

/** The path of the innermost container, from the keys and indexes of the frames holding it. */
function pathOf(text: string, frames: Frame[]): string {
  let path = '';
  for (const frame of frames) {
    if (!frame.isObject) path += `[${frame.commas}]`;
    else {
      const key = keyOf(text.slice(frame.keyStart, frame.keyEnd));
      path += path ? `.${key}` : key;
    }
  }
  return path;
}

function keyOf(json: string): string {
  try {
    return String(JSON.parse(json));
  } catch {
    return json;
  }
}
