// The agents an endpoint's requests go out through: the request-group tracking agents, made proxy-aware when a proxy
// is set (the endpoint's proxy URL, or HTTPS_PROXY / HTTP_PROXY in the environment). With none set they are the plain
// tracking agents, so that the common case pays nothing per request.
import type http from 'node:http';
import type https from 'node:https';
import type { ConnectionOptions } from 'node:tls';
import { TrackingHttpAgent, TrackingHttpsAgent } from '../request-group';
import { ProxyingHttpAgent, ProxyingHttpsAgent, type Router } from './proxy-agents';
import { credentialsError } from '../credentials/credentials-error';
import { anyProxyConfigured, parseProxyUrl, proxyRoute, ProxyUrlError } from './proxy-route';

type AgentOptions = http.AgentOptions & ConnectionOptions;

/** The route function for an endpoint: its own proxy URL (checked now, so a bad one fails before any request). */
export function routerFor(proxyUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): Router {
  if (proxyUrl) parseProxyUrl(proxyUrl, 'the proxy setting');
  return (protocol, host, port) => proxyRoute(protocol, host, port, proxyUrl, env);
}

/** Checks an endpoint's proxy URL (and the environment's), as a HoistError naming the setting or variable at fault. */
export function validateProxy(proxyUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  try {
    const route = routerFor(proxyUrl, env);
    route('https:', 'example.invalid', 443);
    route('http:', 'example.invalid', 80);
  } catch (err) {
    if (err instanceof ProxyUrlError)
      throw credentialsError('credentials.proxy.invalid', { url: err.url, source: err.source }, 'InvalidProxy');
    throw err;
  }
}

/**
 * Plain (not request-group tracking) agents through the proxy that `proxyUrl` or the environment names, for calls made
 * outside an endpoint's client: the SSO sign-in's OIDC calls, a profile's SSO and STS clients. Undefined when no
 * proxy is set, for the caller's default agents.
 */
export function proxyingAgents(
  proxyUrl: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  options: http.AgentOptions = {},
): { httpAgent: http.Agent; httpsAgent: https.Agent } | undefined {
  if (!anyProxyConfigured(proxyUrl, env)) return undefined;
  const router = routerFor(proxyUrl, env);
  // The https agent's createConnection answers through its callback (after the tunnel), which Node's typing of
  // https.Agent does not show; Node and the SDK's handler take it that way.
  return {
    httpAgent: new ProxyingHttpAgent(options, router),
    httpsAgent: new ProxyingHttpsAgent(options, router) as unknown as https.Agent,
  };
}

export function httpAgentFor(options: http.AgentOptions, proxyUrl: string | undefined): TrackingHttpAgent {
  return anyProxyConfigured(proxyUrl)
    ? new ProxyingHttpAgent(options, routerFor(proxyUrl))
    : new TrackingHttpAgent(options);
}

/** tunnelTimeoutMs: how long a proxy has to open a tunnel (the endpoint's connect timeout); 0 for no limit. */
export function httpsAgentFor(
  options: AgentOptions,
  proxyUrl: string | undefined,
  tunnelTimeoutMs = 0,
): TrackingHttpsAgent {
  return anyProxyConfigured(proxyUrl)
    ? new ProxyingHttpsAgent(options, routerFor(proxyUrl), tunnelTimeoutMs)
    : new TrackingHttpsAgent(options);
}

/** Each lean agent's route, decided at its first request (as the SDK's agents decide when they are made). */
const routeOf = new WeakMap<http.Agent, http.Agent>();

/**
 * For the lean data path, whose agents lean-data-path.ts makes without a proxy: a proxy-aware twin of `agent` with its
 * options (keep-alive, CA), or the agent itself when no proxy is set. Decided once per agent, so that a part's request
 * does not read the proxy variables again.
 */
export function routedAgent(agent: http.Agent, proxyUrl: string | undefined, tunnelTimeoutMs = 0): http.Agent {
  const known = routeOf.get(agent);
  if (known) return known;
  let route = agent;
  if (anyProxyConfigured(proxyUrl)) {
    const options = (agent as unknown as { options: AgentOptions }).options;
    const twin =
      agent instanceof TrackingHttpsAgent
        ? httpsAgentFor(options, proxyUrl, tunnelTimeoutMs)
        : httpAgentFor(options, proxyUrl);
    const destroy = agent.destroy.bind(agent);
    agent.destroy = () => {
      twin.destroy();
      destroy();
    };
    route = twin;
  }
  routeOf.set(agent, route);
  return route;
}
