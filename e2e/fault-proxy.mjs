// A small HTTP proxy in front of the real regdesk-server that injects faults
// into registration POSTs, one planned fault per request, in order:
//   { status, body?, headers? }  answer that instead of forwarding;
//   { kind: "drop" }             cut the connection: a network error;
//   { kind: "hang" }             never answer (the widget's timeout fires);
//   { kind: "lose-response" }    forward (the server stores it), then cut the
//                                connection before the answer reaches the page.
// Everything else (the feed, CORS preflights, POSTs with no fault planned)
// goes through untouched. Every registration POST is logged with its key.
import { createServer, request } from "node:http";

export async function startFaultProxy(target, port) {
  const faults = [];
  const log = [];
  const hanging = new Set();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url, "http://x").pathname;
      if (path === "/api/registrations" && req.method === "OPTIONS") log.push({ preflight: true });
      if (path !== "/api/registrations" || req.method !== "POST") return forward(req, res, body);
      const contentType = req.headers["content-type"] ?? "";
      let key = (req.headers["idempotency-key"] ?? "").replaceAll('"', "") || null;
      if (!key && contentType.includes("urlencoded")) key = new URLSearchParams(body.toString()).get("idempotencyKey");
      const fault = faults.shift() ?? null;
      log.push({ key, contentType, body: body.toString(), fault });
      if (!fault) return forward(req, res, body);
      if (fault.kind === "drop") return req.socket.destroy();
      if (fault.kind === "hang") return hanging.add(res);
      if (fault.kind === "lose-response") return forward(req, res, body, () => req.socket.destroy());
      res.writeHead(fault.status, {
        "content-type": "application/problem+json",
        "access-control-allow-origin": req.headers.origin ?? "*",
        "access-control-expose-headers": "Retry-After",
        vary: "origin",
        ...(fault.headers ?? {}),
      });
      res.end(JSON.stringify(fault.body ?? { status: fault.status, title: "Injected fault" }));
    });
  });

  function forward(req, res, body, instead) {
    const url = new URL(req.url, target);
    const upstream = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (up) => {
      if (instead) {
        up.resume();
        up.on("end", instead);
        return;
      }
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    upstream.end(body);
  }

  await new Promise((ok) => server.listen(port ?? 0, "127.0.0.1", ok));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    /** Plans faults for the next registration POSTs, in order. */
    plan: (...f) => faults.push(...f),
    /** Registration POSTs seen, optionally only those with `key`. */
    posts: (key) => log.filter((e) => !e.preflight && (key === undefined || e.key === key)),
    preflights: () => log.filter((e) => e.preflight),
    reset: () => {
      faults.length = 0;
      log.length = 0;
    },
    stop: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections?.();
      server.close();
    },
  };
}
