// What the two lean floors share (lean-floor.ts for a folder's files, lean-floor-parts.ts for one big file): their
// command line, and the signer, agent and addressing of hoist's lean path.
import http from 'node:http';
import https from 'node:https';
import { EndpointClock } from '../../src/engine/s3/lean/clock';
import { LeanSigner } from '../../src/engine/s3/lean/sign';
import { floorArgs } from './floor-common.mjs';

export function leanFloorSetup(script: string) {
  const args = floorArgs(script);
  const endpoint = new URL(args.endpoint);
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    console.error(`${script}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`);
    process.exit(2);
  }
  const sessionToken = process.env.AWS_SESSION_TOKEN;
  const transport = endpoint.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true });
  const signer = new LeanSigner(
    { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    args.region,
    new EndpointClock(),
  );
  // Where each PUT goes, as the lean path addresses it (path style, as the bench's servers and floor-common's keys are).
  const place = { endpointUrl: args.endpoint, region: args.region, forcePathStyle: true };
  return { args, transport, agent, signer, place };
}
