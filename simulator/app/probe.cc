#include "simulator/app/probe.h"

#include <httplib.h>

#include <charconv>
#include <cstdlib>
#include <iostream>

#include "simulator/core/json.h"

namespace wasim {
namespace {

bool ProbeParsePort(const std::string& s, int* port) {
  int v = -1;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 1 || v > 65535) return false;
  *port = v;
  return true;
}

// http://HOST:PORT[/] (HOST may be [v6]); the health path is appended.
std::string ProbeApplyUrl(const std::string& url, ProbeTarget* t) {
  t->tls = url.rfind("https://", 0) == 0;
  const std::string scheme = t->tls ? "https://" : "http://";
  if (url.rfind(scheme, 0) != 0)
    return "--url must be http://HOST:PORT or https://HOST:PORT, got '" + url + "'";
  std::string rest = url.substr(scheme.size());
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  size_t colon = rest.rfind(':');
  if (colon == std::string::npos || rest.find('/') != std::string::npos)
    return "--url must be http://HOST:PORT (no path), got '" + url + "'";
  std::string host = rest.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty() || !ProbeParsePort(rest.substr(colon + 1), &t->port))
    return "--url must be http://HOST:PORT with a port 1..65535, got '" + url + "'";
  t->host = host;
  return "";
}

std::string ProbeApply(const std::string& flag, const std::string& value, ProbeTarget* t) {
  if (flag == "--url") return ProbeApplyUrl(value, t);
  if (flag == "--host") {
    t->host = value;
  } else if (flag == "--port") {
    if (!ProbeParsePort(value, &t->port)) return "--port must be 1..65535, got '" + value + "'";
  } else if (flag == "--timeout") {
    auto d = ParseDuration(value);
    if (!d || *d <= 0 || *d > kMinute) return "--timeout must be a duration such as 2s or 500ms (at most 1m)";
    t->timeout_ms = *d;
  } else {
    return "unknown option " + flag;
  }
  return "";
}

}  // namespace

std::string LoopbackFor(const std::string& bind) {
  if (bind.empty() || bind == "0.0.0.0") return "127.0.0.1";
  if (bind == "::") return "::1";
  return bind;
}

ProbeArgs ParseProbeArgs(const std::vector<std::string>& args,
                         const std::function<const char*(const char*)>& getenv_fn) {
  ProbeArgs r;
  if (const char* b = getenv_fn("WASIM_BIND"); b && *b) r.target.host = LoopbackFor(b);
  if (const char* p = getenv_fn("WASIM_PORT"); p && *p && !ProbeParsePort(p, &r.target.port))
    return {false, false, std::string("WASIM_PORT must be 1..65535, got '") + p + "'", {}};
  for (size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    if (a == "-h" || a == "--help") return {true, true, "", r.target};
    std::string value;
    if (auto eq = a.find('='); eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
    } else {
      if (i + 1 >= args.size()) return {false, false, a + " needs a value (see wasim probe --help)", {}};
      value = args[++i];
    }
    if (std::string err = ProbeApply(a, value, &r.target); !err.empty()) return {false, false, err, {}};
  }
  return r;
}

namespace {
template <typename C>
httplib::Result ProbeGet(const ProbeTarget& t) {
  C client(t.host, t.port);
  const time_t sec = static_cast<time_t>(t.timeout_ms / 1000);
  const time_t usec = static_cast<time_t>((t.timeout_ms % 1000) * 1000);
  client.set_connection_timeout(sec, usec);
  client.set_read_timeout(sec, usec);
  client.set_write_timeout(sec, usec);
  if (t.tls) client.enable_server_certificate_verification(false);
  return client.Get(kHealthPath);
}
}  // namespace

std::string ProbeHealth(const ProbeTarget& t) {
  const std::string where = (t.tls ? "https://" : "http://") +
                            (t.host.find(':') != std::string::npos ? "[" + t.host + "]" : t.host) + ":" +
                            std::to_string(t.port) + kHealthPath;
  auto res = t.tls ? ProbeGet<httplib::SSLClient>(t) : ProbeGet<httplib::Client>(t);
  if (!res) return where + ": no answer (" + httplib::to_string(res.error()) + ")";
  if (res->status != 200) return where + ": HTTP " + std::to_string(res->status);
  auto body = ParseJsonBody(res->body);
  bool ok = body.ok() && body.value().is_object() && body.value().contains("status") &&
            body.value()["status"] == "ok";
  if (!ok) return where + ": the answer is not {\"status\":\"ok\"}";
  return "";
}

std::string ProbeHelp() {
  return "usage: wasim probe [--url http(s)://HOST:PORT | --host HOST --port N] [--timeout 2s]\n\n"
         "GETs /_sim/health on a running wasim; exits 0 when it answers 200 {\"status\":\"ok\"},\n"
         "1 otherwise (the reason on stderr). Defaults: host WASIM_BIND (127.0.0.1 when unset\n"
         "or a wildcard), port WASIM_PORT (8080), timeout 2s. The container's HEALTHCHECK.\n";
}

int ProbeCommand(const std::vector<std::string>& args) {
  ProbeArgs parsed = ParseProbeArgs(args, [](const char* n) { return std::getenv(n); });
  if (parsed.show_help) {
    std::cout << ProbeHelp();
    return 0;
  }
  if (!parsed.ok) {
    std::cerr << "wasim probe: " << parsed.error << "\n";
    return 1;
  }
  if (std::string problem = ProbeHealth(parsed.target); !problem.empty()) {
    std::cerr << "wasim probe: unhealthy: " << problem << "\n";
    return 1;
  }
  return 0;
}

}  // namespace wasim
