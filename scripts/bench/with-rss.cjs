// Runs the built CLI and prints its peak memory (maxRSS, KB) on stderr when it exits:
//   node scripts/bench/with-rss.cjs <cli args...>
process.on('exit', () => process.stderr.write(`\nMAXRSS_KB ${process.resourceUsage().maxRSS}\n`));
require('../../dist/cli.js');
