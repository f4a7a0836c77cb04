// The graphql-http server audit against the gateway at argv[2] (e.g. http://127.0.0.1:8080/graphql).
// Prints one JSON line per audit and a summary line; exits 1 when a MUST or a SHOULD fails.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql url>');
  process.exit(2);
}
const results = await auditServer({ url });
const summary = { ok: 0, must: 0, should: 0, may: 0 };
for (const result of results) {
  const level = result.status === 'ok' ? 'ok'
    : result.status === 'error' ? 'must' : result.status === 'warn' ? 'should' : 'may';
  summary[level]++;
  const line = { id: result.id, name: result.name, status: level };
  if (level !== 'ok') {
    line.reason = result.reason;
    if (result.response) {
      line.httpStatus = result.response.status;
      try {
        line.body = (await result.response.text()).slice(0, 300);
      } catch {
        // the body was read by the audit already
      }
    }
  }
  console.log(JSON.stringify(line));
}
console.log(JSON.stringify({ summary }));
process.exit(summary.must + summary.should > 0 ? 1 : 0);
