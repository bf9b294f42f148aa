#!/usr/bin/env node
import { runProgram } from '@samenloop/operator';

void runProgram(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
