#include "simulator/app/config.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "simulator/core/log.h"
#include "simulator/core/time.h"
#include "simulator/domain/subscriptions/service.h"

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
    {"--log-format", "WASIM_LOG_FORMAT",
     "console log on stderr: human (default) or json (one object per line)"},
    {"--log-level", "WASIM_LOG_LEVEL",
     "error | warn | info (default: requests, webhooks) | debug (also admin calls)"},
    {"--webhook-fields", "WASIM_WEBHOOK_FIELDS",
     "comma list of fields --webhook-url is subscribed to, e.g. messages,account_update (default: all)"},
    {"--cors-origin", "WASIM_CORS_ORIGIN",
     "answer CORS preflights and allow this origin (or *) on every response (default: no CORS)"},
    {"--tls-cert", "WASIM_TLS_CERT", "PEM certificate (chain) file: serve https (with --tls-key)"},
    {"--tls-key", "WASIM_TLS_KEY", "PEM private key file of --tls-cert"},
    {"--admin-token", "WASIM_ADMIN_TOKEN",
     "require 'Authorization: Bearer TOKEN' or 'X-Wasim-Admin-Token: TOKEN' on /_sim/ (health excepted)"},
    {"--unknown-recipients", "WASIM_UNKNOWN_RECIPIENTS",
     "on_whatsapp | not_on_whatsapp: how numbers not in the world behave (default on_whatsapp)"},
    {"--state", "WASIM_STATE",
     "SQLite file that keeps the state across restarts (created when missing; default: in memory)"},
};

// --clock-start: an ISO-8601 UTC instant that names a real calendar date
// (ParseIso8601 accepts day 31 of any month; the round trip rejects 2026-02-30).
bool ValidClockStart(const std::string& value) {
  auto t = ParseIso8601(value);
  return t && FormatIso8601(*t).compare(0, 10, value, 0, 10) == 0;
}

// true/false for a switch given as an environment variable (WASIM_QUIET=1).
std::optional<bool> ParseSwitch(const std::string& v) {
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  return std::nullopt;
}

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
    if (!ValidClockStart(value))
      return "--clock-start must be an ISO-8601 UTC date and time such as 2026-01-01T00:00:00Z, got '" +
             value + "'";
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
  } else if (flag == "--log-format") {
    if (!ParseLogFormat(value)) return "--log-format must be human or json, got '" + value + "'";
    c->log_format = value;
  } else if (flag == "--log-level") {
    if (!ParseLogLevel(value)) return "--log-level must be error, warn, info or debug, got '" + value + "'";
    c->log_level = value;
  } else if (flag == "--webhook-fields") {
    std::vector<std::string> fields;
    for (size_t i = 0; i <= value.size();) {
      size_t j = std::min(value.find(',', i), value.size());
      std::string f = value.substr(i, j - i);
      f.erase(0, f.find_first_not_of(" \t"));
      f.erase(f.find_last_not_of(" \t") + 1);
      i = j + 1;
      if (f.empty()) continue;
      if (!subscriptions::KnownFields().count(f))
        return "--webhook-fields: unknown field '" + f +
               "' (fields of whatsapp_business_account such as messages, account_update, "
               "message_template_status_update)";
      if (std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
    }
    if (fields.empty()) return "--webhook-fields needs at least one field, e.g. messages";
    c->webhook_fields = std::move(fields);
  } else if (flag == "--cors-origin") {
    c->cors_origin = value;
  } else if (flag == "--tls-cert") {
    c->tls_cert = value;
  } else if (flag == "--tls-key") {
    c->tls_key = value;
  } else if (flag == "--admin-token") {
    c->admin_token = value;
  } else if (flag == "--unknown-recipients") {
    if (value != "on_whatsapp" && value != "not_on_whatsapp")
      return "--unknown-recipients must be on_whatsapp or not_on_whatsapp, got '" + value + "'";
    c->unknown_recipients = value;
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
  if (const char* v = getenv_fn("WASIM_QUIET"); v && *v) {
    auto on = ParseSwitch(v);
    if (!on) return {false, false, std::string("WASIM_QUIET must be 1 or 0 (true/false), got '") + v + "'"};
    out->quiet = *on;
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
  if (out->tls_cert.empty() != out->tls_key.empty())
    return {false, false, "--tls-cert and --tls-key go together (a PEM certificate and its private key)"};
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
  s += "  --quiet               do not print the start-up banner (the console log stays: --log-level) "
       "[WASIM_QUIET=1]\n";
  s += "\nOnce the server answers its own health check (GET /_sim/health), it prints one line\n"
       "on stdout, --quiet or not:  wasim ready on http://ADDRESS:PORT  (the bound address and\n"
       "the actual port). SIGTERM or SIGINT stops it with exit status 0.\n";
  return s;
}

}  // namespace wasim
