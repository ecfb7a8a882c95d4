import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
const [pid, token, ...urls] = process.argv.slice(2);
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10000; };
const run = (url) => new Promise((res, rej) => autocannon({ url, duration: 3, connections: 20, headers: { authorization: `Bearer ${token}` } }, (e, r) => e ? rej(e) : res(r)));
for (let round = 0; round < 3; round++) for (const url of urls) {
  const before = cpu(); const r = await run(url); const used = cpu() - before;
  console.log(url.padEnd(50), 'rps', Math.round(r['2xx'] / 3), 'non2xx', r.non2xx, 'cpu µs/req', Math.round(used / r['2xx']));
}
