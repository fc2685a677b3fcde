#include "simulator/app/config.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "simulator/core/time.h"

namespace wasim {
namespace {

struct Option {
  const char* flag;
  const char* env;
  const char* help;
};

const std::vector<Option> kOptions = {
    {"--port", "WASIM_PORT", "TCP port to listen on (default 8080; 0 picks a free one)"},
    {"--bind", "WASIM_BIND", "address to bind (default 127.0.0.1; 0.0.0.0 in containers)"},
    {"--seed", "WASIM_SEED", "seed for wamids, media ids and fbtrace ids (default 42)"},
    {"--clock", "WASIM_CLOCK",
     "manual | realtime (default realtime): manual moves only via /_sim/clock/advance"},
    {"--clock-start", "WASIM_CLOCK_START",
     "ISO-8601 UTC start of virtual time (default: now; manual: 2026-01-01T00:00:00Z)"},
    {"--clock-speed", "WASIM_CLOCK_SPEED", "realtime: virtual seconds per real second, e.g. 60 (default 1)"},
    {"--threads", "WASIM_THREADS", "HTTP worker threads, >= expected keep-alive connections (default 96)"},
    {"--webhook-url", "WASIM_WEBHOOK_URL", "callback URL webhooks are POSTed to (used as given)"},
    {"--public-url", "WASIM_PUBLIC_URL",
     "base URL apps reach wasim at, for media URLs in webhooks (default http://<bind>:<port>)"},
    {"--app-secret", "WASIM_APP_SECRET", "app secret that signs X-Hub-Signature-256"},
    {"--verify-token", "WASIM_VERIFY_TOKEN", "verify token for the hub.challenge handshake"},
    {"--webhook-timeout", "WASIM_WEBHOOK_TIMEOUT", "real-time timeout of one webhook attempt (default 5s)"},
    {"--fact-retention", "WASIM_FACT_RETENTION", "facts kept for GET /_sim/events (default 100000)"},
    {"--scenario", "WASIM_SCENARIO",
     "scenario to load at start-up: a YAML file, or a name from --scenario-dir"},
    {"--scenario-dir", "WASIM_SCENARIO_DIR", "the scenario library (default ./scenarios)"},
    {"--max-sandboxes", "WASIM_MAX_SANDBOXES",
     "live sandboxes (POST /_sim/sandboxes) at most at once (default 256; 0 turns them off)"},
    {"--webhook-horizon", "WASIM_WEBHOOK_HORIZON",
     "virtual time after which failing webhooks are dropped (default 36h; 7d per Meta's overview)"},
    {"--state", "WASIM_STATE",
     "SQLite file that keeps the state across restarts (created when missing; default: in memory)"},
};

bool ParseInt(const std::string& s, long long lo, long long hi, long long* out) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return false;
  *out = v;
  return true;
}

std::string Apply(const std::string& flag, const std::string& value, ServeConfig* c) {
  long long n = 0;
  if (flag == "--port") {
    if (!ParseInt(value, 0, 65535, &n)) return "--port must be 0..65535, got '" + value + "'";
    c->port = static_cast<int>(n);
  } else if (flag == "--bind") {
    c->bind = value;
  } else if (flag == "--seed") {
    unsigned long long v = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || p != value.data() + value.size()) return "--seed must be an unsigned integer";
    c->seed = v;
  } else if (flag == "--clock") {
    if (value != "manual" && value != "realtime")
      return "--clock must be manual or realtime, got '" + value + "'";
    c->clock = value;
  } else if (flag == "--clock-start") {
    c->clock_start = value;
  } else if (flag == "--clock-speed") {
    double v = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || p != value.data() + value.size() || !(v >= 0.001 && v <= 1000000))
      return "--clock-speed must be a number from 0.001 to 1000000 (virtual seconds per real second), got '" +
             value + "'";
    c->clock_speed = v;
  } else if (flag == "--threads") {
    if (!ParseInt(value, 1, 4096, &n)) return "--threads must be 1..4096";
    c->threads = static_cast<int>(n);
  } else if (flag == "--scenario") {
    c->scenario = value;
  } else if (flag == "--scenario-dir") {
    c->scenario_dir = value;
  } else if (flag == "--webhook-url") {
    c->webhook_url = value;
  } else if (flag == "--public-url") {
    if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0)
      return "--public-url must be an http(s) URL such as http://wasim:8080, got '" + value + "'";
    c->public_url = value;
  } else if (flag == "--app-secret") {
    c->app_secret = value;
  } else if (flag == "--verify-token") {
    c->verify_token = value;
  } else if (flag == "--max-sandboxes") {
    if (!ParseInt(value, 0, 100000, &n)) return "--max-sandboxes must be 0..100000, got '" + value + "'";
    c->max_sandboxes = n;
  } else if (flag == "--fact-retention") {
    if (!ParseInt(value, 1, 100000000, &n))
      return "--fact-retention must be 1..100000000 facts, got '" + value + "'";
    c->fact_retention = n;
  } else if (flag == "--webhook-timeout" || flag == "--webhook-horizon") {
    auto d = ParseDuration(value);
    bool timeout = flag == "--webhook-timeout";
    if (!d || *d <= 0 || *d > (timeout ? 10 * kMinute : 30 * kDay))
      return flag + (timeout ? " must be a duration such as 5s or 500ms (at most 10m)"
                             : " must be a duration such as 36h or 7d (at most 30d)");
    (timeout ? c->webhook_timeout_ms : c->webhook_horizon_ms) = *d;
  } else if (flag == "--state") {
    if (value.empty()) return "--state needs a file path";
    c->state_file = value;
  } else {
    return "unknown option " + flag;
  }
  return "";
}

}  // namespace

ParseOutcome ParseServeConfig(const std::vector<std::string>& args, ServeConfig* out,
                              const std::function<const char*(const char*)>& getenv_fn) {
  ParseOutcome r;
  for (const auto& o : kOptions) {
    if (const char* v = getenv_fn(o.env); v && *v) {
      std::string err = Apply(o.flag, v, out);
      if (!err.empty()) return {false, false, std::string(o.env) + ": " + err};
    }
  }
  for (size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    if (a == "-h" || a == "--help") return {true, true, ""};
    if (a == "--quiet") {
      out->quiet = true;
      continue;
    }
    std::string value;
    if (auto eq = a.find('='); eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
    } else {
      if (i + 1 >= args.size()) return {false, false, a + " needs a value (see --help)"};
      value = args[++i];
    }
    std::string err = Apply(a, value, out);
    if (!err.empty()) return {false, false, err};
  }
  return r;
}

std::string ServeHelp() {
  std::string s =
      "usage: wasim serve [options]\n\n"
      "Starts the simulated WhatsApp Cloud API (Graph API under /vNN.N/...) and the\n"
      "admin API under /_sim/. Every option is also an environment variable.\n\n";
  for (const auto& o : kOptions) {
    std::string left = std::string("  ") + o.flag + " VALUE";
    left.resize(std::max<size_t>(24, left.size() + 1), ' ');
    std::string env = std::string("[") + o.env + "]";
    s += left + o.help + " " + env + "\n";
  }
  s += "  --quiet               do not print the start-up banner\n";
  s += "\nOnce the server answers its own health check (GET /_sim/health), it prints one line\n"
       "on stdout, --quiet or not:  wasim ready on http://ADDRESS:PORT  (the bound address and\n"
       "the actual port). SIGTERM or SIGINT stops it with exit status 0.\n";
  return s;
}

}  // namespace wasim
