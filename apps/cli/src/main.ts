#!/usr/bin/env node
import { runProgram } from '@samenloop/operator';
import { packageVersion } from './package-version';

void runProgram(process.argv.slice(2), undefined, packageVersion()).then((code) => {
  process.exitCode = code;
});
