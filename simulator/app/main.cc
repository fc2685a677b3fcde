// wasim: command-line entry point.
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "simulator/app/instance_state_source.h"
#include "simulator/app/probe.h"
#include "simulator/app/scenario_commands.h"
#include "simulator/app/version.h"  // generated from CMake's project(VERSION)
#include "simulator/app/wiring.h"
#include "simulator/core/time.h"
#include "simulator/domain/world/default_world.h"
#include "simulator/persist/serve_state.h"
#include "simulator/scenario/loader.h"
#include "simulator/scenario/session_admin.h"

namespace {

// SIGINT/SIGTERM stop the server. They are blocked in every thread (the
// mask is set before any thread starts, and threads inherit it) and taken by
// the main thread with sigwait, so Stop() runs as ordinary code (it takes
// locks, which a signal handler must not).
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    for (int sig : {SIGINT, SIGTERM}) sigaddset(&set_, sig);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  void Wait() {
    int sig = 0;
    while (sigwait(&set_, &sig) != 0) {
    }
  }

 private:
  sigset_t set_;
};

// The documented ready line (README "Container"), printed on stdout --quiet or
// not, before the banner, once the server's own health probe has answered. It
// names the bound address and the actual port (--port 0: the one chosen).
void PrintReadyLine(const std::string& bind, int port, bool tls) {
  std::string host = bind.find(':') != std::string::npos ? "[" + bind + "]" : bind;
  std::printf("wasim ready on %s://%s:%d\n", tls ? "https" : "http", host.c_str(), port);
  std::fflush(stdout);
}

void PrintBanner(const wasim::ServeConfig& c, int port) {
  using D = wasim::DefaultIds;
  std::string host = c.bind == "0.0.0.0" ? "127.0.0.1" : c.bind;
  std::string base = (c.tls_cert.empty() ? "http://" : "https://") + host + ":" + std::to_string(port);
  std::printf(
      "wasim %s listening on %s (clock: %s, seed: %llu)\n\n"
      "  Graph base URL   %s/v23.0\n"
      "  Access token     %s\n"
      "  Phone number id  %s   (+%s)\n"
      "  WABA id          %s\n"
      "  App id           %s\n"
      "  App secret       %s\n"
      "  Admin URL        %s/_sim/  (the admin API lists itself)\n\n"
      "Try (Meta's stock template; free-form text needs the customer to write first, see README):\n"
      "  curl -s %s/v23.0/%s/messages \\\n"
      "    -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' \\\n"
      "    -d "
      "'{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"type\":\"template\",\"template\":{\"name\":"
      "\"hello_world\",\"language\":{\"code\":\"en_US\"}}}'\n\n",
      wasim::kVersion, base.c_str(), c.clock.c_str(), static_cast<unsigned long long>(c.seed), base.c_str(),
      D::kAccessToken, D::kPhoneNumberId, D::kDisplayPhoneNumber, D::kWabaId, D::kAppId,
      c.app_secret.empty() ? D::kAppSecret : c.app_secret.c_str(), base.c_str(), base.c_str(),
      D::kPhoneNumberId, D::kAccessToken, D::kCustomerWaId);
  std::fflush(stdout);
}

bool IsLoopbackBind(const std::string& bind) {
  return bind == "localhost" || bind == "::1" || bind.rfind("127.", 0) == 0;
}

// --scenario FILE|NAME: a file path, else a name from --scenario-dir.
bool LoadStartupScenario(wasim::Instance& instance, const wasim::ServeConfig& config) {
  std::string file = config.scenario;
  std::string library = wasim::scenario::LibraryFile(config.scenario_dir, config.scenario);
  if (!std::filesystem::exists(file) && !library.empty()) file = library;
  auto loaded = wasim::scenario::LoadScenarioFile(file);
  for (const auto& e : loaded.errors) std::cerr << e.ToString() << "\n";
  if (!loaded.ok()) return false;
  std::string name = loaded.scenario.name.empty() ? file : loaded.scenario.name;
  size_t steps = loaded.scenario.steps.size(), expectations = loaded.scenario.expectations.size();
  if (auto problem = instance.LoadScenario(std::move(loaded.scenario))) {
    std::cerr << "wasim serve: " << file << ": the world does not build: " << *problem << "\n";
    return false;
  }
  if (!config.quiet)
    std::printf("Scenario %s loaded: %zu steps, %zu expectations (GET /_sim/scenarios/current)\n",
                name.c_str(), steps, expectations);
  return true;
}

int Serve(const std::vector<std::string>& args) {
  wasim::ServeConfig config;
  auto outcome = wasim::ParseServeConfig(args, &config, [](const char* n) { return std::getenv(n); });
  if (outcome.show_help) {
    std::cout << wasim::ServeHelp();
    return 0;
  }
  if (!outcome.ok) {
    std::cerr << "wasim serve: " << outcome.error << "\n";
    return 2;
  }
  StopSignals signals;  // first: every thread the instance starts inherits the mask
  std::signal(SIGPIPE, SIG_IGN);
  wasim::Instance instance(config);
  // --state FILE: a file that cannot be used stops the start (exit 1), untouched.
  // Declared after the instance (destroyed before it): the source reads it.
  std::unique_ptr<wasim::persist::InstanceStateSource> source;
  std::unique_ptr<wasim::persist::ServeState> state;
  if (!config.state_file.empty()) {
    std::string error;
    state = wasim::persist::ServeState::Open(config.state_file, &error);
    if (!state) {
      std::cerr << "wasim serve: --state " << error << "\n";
      return 1;
    }
  }
  bool restoring = state && state->restored();
  if (restoring && !config.scenario.empty())
    std::cerr << "wasim serve: --scenario " << config.scenario << " not loaded: the state in "
              << config.state_file << " is restored instead\n";
  if (!restoring && !config.scenario.empty() && !LoadStartupScenario(instance, config)) return 2;
  if (state) {
    source = std::make_unique<wasim::persist::InstanceStateSource>(instance);
    auto report = [](const std::string& problem) {
      std::cerr << "wasim serve: --state commit failed: " << problem << "\n";
    };
    if (auto problem = state->Attach(*source, std::chrono::seconds(1), report)) {
      std::cerr << "wasim serve: --state " << *problem << "\n";
      return 1;
    }
    // The flags of this start win over the app settings stored in the file.
    if (restoring) {
      if (auto problem = instance.sim().ApplyWorld(wasim::StartupFlagEdits(config)))
        std::cerr << "wasim serve: the webhook and recipient flags do not apply to the restored state: "
                  << *problem << "\n";
    }
    // The clock continues from the stored time; --clock-start moves it on.
    if (restoring && !config.clock_start.empty()) {
      auto start = wasim::ParseIso8601(config.clock_start);
      if (start && *start > instance.sim().clock().Now())
        instance.sim().AdvanceTo(*start);
      else if (start)
        std::cerr << "wasim serve: --clock-start " << config.clock_start << " is before the restored time "
                  << wasim::FormatIso8601(instance.sim().clock().Now())
                  << "; the clock continues from there\n";
    }
    if (auto* server = instance.server()) {
      server->SetDurability([s = state.get()]() -> std::optional<wasim::GraphError> {
        // Decision: a change that could not be made durable is not answered
        // 2xx (the client must not take it for saved); the server keeps
        // serving and the next commit writes the complete state again.
        if (auto problem = s->WaitDurable())
          return wasim::MakeError(wasim::ErrorCode::kServiceUnavailable,
                                  "wasim could not save this change to its state file: " + *problem);
        return std::nullopt;
      });
    }
  }
  int port = instance.Start();
  if (port < 0) {
    std::cerr << "wasim serve: " << instance.bind_error() << "\n";
    return 1;
  }
  if (config.admin_token.empty() && !IsLoopbackBind(config.bind))
    std::cerr << "wasim serve: warning: listening on " << config.bind
              << " without --admin-token: anyone who reaches this port can reset, read and drive the "
                 "simulator through /_sim/\n";
  // Ready means answering: the server's own health endpoint, over the socket.
  wasim::ProbeTarget self{wasim::LoopbackFor(config.bind), port, 5 * wasim::kSecond};
  self.tls = !config.tls_cert.empty();
  if (std::string problem = wasim::ProbeHealth(self); !problem.empty()) {
    std::cerr << "wasim serve: the server does not answer its health check: " << problem << "\n";
    instance.Stop();  // before `state` goes: the durability callback uses it
    return 1;
  }
  PrintReadyLine(config.bind, port, self.tls);
  if (!config.quiet) PrintBanner(config, port);
  if (state) {  // --quiet too: which file, and whether it was restored
    std::printf("%s\n", state->Describe().c_str());
    std::fflush(stdout);
  }
  if (std::string check = instance.CheckWebhookAtStartup(config); !check.empty()) {
    std::printf("%s\n", check.c_str());
    std::fflush(stdout);
  }
  signals.Wait();
  instance.Stop();
  if (state) {
    // The final commit: background changes since the last one (SIGTERM/SIGINT).
    if (auto problem = state->Stop()) {
      std::cerr << "wasim serve: --state final commit failed: " << *problem << "\n";
      return 1;
    }
  }
  return 0;
}

void Usage() {
  std::cout << "usage: wasim <command> [options]\n\n"
               "commands:\n"
               "  serve     start the simulated Graph API and admin API (see wasim serve --help)\n"
               "  run       replay scenario files headless and check their expectations\n"
               "  validate  check scenario files (file:line:column: problem)\n"
               "  probe     exit 0 when a running wasim answers its health check (see wasim probe --help)\n"
               "  version   print the version (also --version)\n"
               "  --help    this text\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    Usage();
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::printf("wasim %s\n", wasim::kVersion);
    return 0;
  }
  if (args[0] == "serve") return Serve({args.begin() + 1, args.end()});
  if (args[0] == "run") return wasim::RunCommand({args.begin() + 1, args.end()});
  if (args[0] == "probe") return wasim::ProbeCommand({args.begin() + 1, args.end()});
  if (args[0] == "validate") return wasim::ValidateCommand({args.begin() + 1, args.end()});
  std::cerr << "wasim: unknown command '" << args[0] << "' (try wasim --help)\n";
  return 2;
}
