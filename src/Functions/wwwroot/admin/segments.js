// SMS segment counter for the admin page: a line-by-line port of Reminders.Core.Prompts.SmsSegmentCounter.
// GSM-7: 160 septets in one segment, else parts of 153; extension characters cost two septets and an escape pair
// never straddles two parts. Otherwise UCS-2: 70 UTF-16 units in one segment, else parts of 67; a grapheme (an emoji
// with its modifiers) never straddles two parts. tests/Reminders.Tests/Prompts/segment-vectors.json is shared with
// the server's counter, and a test runs this file under Node against every vector.
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.SmsSegments = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  // Written as escapes so the file means the same whatever charset it is served with.
  const GSM7_BASIC = '@\u00A3$\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\u000A\u00D8\u00F8\u000D\u00C5\u00E5\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\u00C6\u00E6\u00DF\u00C9 !"#\u00A4%&\'()*+,-./0123456789:;<=>?\u00A1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7\u00BFabcdefghijklmnopqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0';
  const GSM7_EXTENSION = '^{}\\[~]|\u20AC\u000C';

  const segmenter = typeof Intl === 'object' && typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter('en', { granularity: 'grapheme' })
    : null;

  function isGsm7Unit(c) {
    return GSM7_BASIC.indexOf(c) >= 0 || GSM7_EXTENSION.indexOf(c) >= 0;
  }

  function cost(c) {
    return GSM7_EXTENSION.indexOf(c) >= 0 ? 2 : 1;
  }

  /** Whether every UTF-16 unit of text is in the GSM-7 basic or extension table. */
  function isGsm7(text) {
    for (let i = 0; i < text.length; i++) {
      if (!isGsm7Unit(text[i])) {
        return false;
      }
    }
    return true;
  }

  /** The text's graphemes (extended grapheme clusters, as .NET's StringInfo text elements). */
  function graphemes(text) {
    if (segmenter) {
      return Array.from(segmenter.segment(text), function (s) { return s.segment; });
    }
    return Array.from(text); // code points: only when Intl.Segmenter is missing
  }

  function countGsm7(text) {
    let units = 0;
    for (let i = 0; i < text.length; i++) {
      units += cost(text[i]);
    }
    if (units <= 160) {
      return { encoding: 'GSM-7', segments: 1, units: units, length: text.length };
    }
    let segments = 1;
    let used = 0;
    for (let i = 0; i < text.length; i++) {
      const c = cost(text[i]);
      if (used + c > 153) {
        segments++;
        used = 0;
      }
      used += c;
    }
    return { encoding: 'GSM-7', segments: segments, units: units, length: text.length };
  }

  function countUcs2(text) {
    const units = text.length;
    if (units <= 70) {
      return { encoding: 'UCS-2', segments: 1, units: units, length: text.length };
    }
    let segments = 1;
    let used = 0;
    for (const element of graphemes(text)) {
      if (used + element.length > 67) {
        segments++;
        used = 0;
      }
      used += element.length;
    }
    return { encoding: 'UCS-2', segments: segments, units: units, length: text.length };
  }

  /** { encoding: 'GSM-7' | 'UCS-2', segments, units, length } for text; an empty text is one empty segment. */
  function count(text) {
    if (typeof text !== 'string') {
      throw new TypeError('text must be a string');
    }
    return isGsm7(text) ? countGsm7(text) : countUcs2(text);
  }

  /** The graphemes of text that are not GSM-7, each once, in order (what forces UCS-2). */
  function nonGsm7Characters(text) {
    const found = [];
    for (const element of graphemes(text)) {
      if (!isGsm7(element) && found.indexOf(element) < 0) {
        found.push(element);
      }
    }
    return found;
  }

  // Every nudge starts with the program name and the first and every 7th end with the STOP reminder
  // (Reminders.Core.Prompts.NudgeFormat), so a prompt's text is counted in that longest form: what a subscriber is billed.
  const DEFAULT_PROGRAM_NAME = 'Reminders';
  const STOP_SUFFIX = ' Reply STOP to end.';

  /** The longest form of the nudge for a prompt's text: "Name: text Reply STOP to end." */
  function nudge(text, programName) {
    const name = (typeof programName === 'string' && programName.trim()) ? programName.trim() : DEFAULT_PROGRAM_NAME;
    return name + ': ' + text.trim() + STOP_SUFFIX;
  }

  /** count() of the nudge a prompt's text becomes. */
  function countNudge(text, programName) {
    if (typeof text !== 'string') {
      throw new TypeError('text must be a string');
    }
    return count(nudge(text, programName));
  }

  return { count: count, countNudge: countNudge, nudge: nudge, isGsm7: isGsm7, nonGsm7Characters: nonGsm7Characters };
});
