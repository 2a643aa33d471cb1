#!/usr/bin/env node
'use strict';
// The command is built from src/cli by `npm run build:cli` (run by `npm install` through "prepare").
try {
  require('../dist/cli.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]cli\.js/.test(String(e.message))) {
    process.stderr.write('rag-refresh is not built yet: run "npm run build:cli" in the rag-refresh folder.\n');
    process.exit(2);
  }
  throw e;
}
