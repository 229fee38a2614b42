// Runs the admin page's segment counter under Node for SegmentCounterAgreementTests.
// Usage: node segments-runner.js <segments.js> <input.json>; input is {"texts": [...]}.
// Prints one JSON array with {encoding, segments, units, length} per text, in order.
'use strict';
const fs = require('fs');
const counter = require(process.argv[2]);
const input = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
// With "programName" in the input, each text is counted as the nudge it becomes (countNudge).
const countOne = 'programName' in input ? (text) => counter.countNudge(text, input.programName) : (text) => counter.count(text);
process.stdout.write(JSON.stringify(input.texts.map(countOne)));
