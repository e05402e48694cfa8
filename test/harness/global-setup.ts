// vitest globalSetup for the node project: one moto S3 server for the whole run.
// Tests get its endpoint with `inject('s3Endpoint')` (types in provided.d.ts). Use a unique bucket per test
// (uniqueBucket() in s3-check.ts) rather than resetting this shared server: test files run in parallel.
/// <reference path="./provided.d.ts" />
import type { TestProject } from 'vitest/node';
import { motoPython, startMoto } from './moto';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const moto = await startMoto();
  const python = await motoPython();
  // Test workers inherit this, so their checkers skip probing for a Python again.
  process.env.HOIST_MOTO_PYTHON = python;
  project.provide('s3Endpoint', moto.endpoint);
  project.provide('motoPython', python);
  return async () => {
    await moto.stop();
  };
}
