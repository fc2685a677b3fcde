// `wasim probe`: a health check that needs nothing but the binary (the
// container's HEALTHCHECK runs it). It GETs /_sim/health on a running wasim
// and is healthy only when that answers 200 with {"status":"ok"}. The same
// check tells `wasim serve` that its server really answers before it prints
// its ready line.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "simulator/core/time.h"

namespace wasim {

inline constexpr const char* kHealthPath = "/_sim/health";

struct ProbeTarget {
  std::string host = "127.0.0.1";
  int port = 8080;
  DurationMs timeout_ms = 2000;  // connect + read, each
  bool tls = false;              // https (the certificate is not verified: a liveness check)
};

struct ProbeArgs {
  bool ok = true;
  bool show_help = false;
  std::string error;
  ProbeTarget target;
};

// Defaults: host from WASIM_BIND unless it is a wildcard (then 127.0.0.1),
// port from WASIM_PORT (else 8080); then --url http://HOST:PORT, --host,
// --port, --timeout (a duration: 2s, 500ms).
ProbeArgs ParseProbeArgs(const std::vector<std::string>& args,
                         const std::function<const char*(const char*)>& getenv_fn);

// Empty when healthy; otherwise a one-line reason (refused, timed out, the
// HTTP status, a body that is not {"status":"ok"}).
std::string ProbeHealth(const ProbeTarget& target);

// The host a client on this machine uses to reach a server bound to `bind`
// (a wildcard address is reached on loopback). IPv6 literals are bracketed
// by the caller that builds a URL, not here.
std::string LoopbackFor(const std::string& bind);

// Exit codes: 0 healthy; 1 anything else, bad usage included (Docker
// reserves a HEALTHCHECK exit code of 2).
int ProbeCommand(const std::vector<std::string>& args);

std::string ProbeHelp();

}  // namespace wasim
