// wasim::SandboxClient: one isolated simulator inside a wasim server that
// others share (a CI container, or an EmbeddedSimulator's root_url()). The
// server's POST /_sim/sandboxes creates it with its own world, manual clock,
// seeded ids, token and journals; Graph calls made with its access_token()
// reach only it, and its admin calls go to /_sim/sandboxes/{id}/... . The
// destructor DELETEs it. Everything goes over HTTP, so the server may be
// anywhere the test can reach.
//
//   std::string error;
//   auto sbx = wasim::SandboxClient::Create("http://127.0.0.1:8080", {}, &error);
//   sbx->Graph("POST", sbx->phone_number_id() + "/messages", R"({...})");
//   sbx->AdvanceBy("1m");
//   auto sent = sbx->Messages();  // this sandbox's journal only
//
// Thread-safety: every member may be called from any thread (calls are
// serialized on one keep-alive connection). No dependency beyond the
// standard library and wasim/simulator.h.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wasim/simulator.h"

namespace wasim {

class SandboxClient {
 public:
  struct Options {
    std::uint64_t seed = 42;
    // The manual clock's start, ISO 8601; "" is 2026-01-01T00:00:00Z.
    std::string clock_start;
    // A scenario of the server's library by name, or a scenario's YAML text
    // (at most one); neither: the default world.
    std::string scenario;
    std::string scenario_yaml;
    // The default app's webhook URL, app secret and verify token ("" keeps the
    // default world's; the server's own --webhook-url is not inherited).
    std::string webhook_url;
    std::string app_secret;
    std::string verify_token;
  };

  // Creates a sandbox on the server at `root_url` ("http://host:port"), or
  // returns nullptr with `*error` (the server's answer, or why none came).
  static std::unique_ptr<SandboxClient> Create(const std::string& root_url, const Options& options,
                                               std::string* error);
  // Ends the sandbox (DELETE), unless End() already did.
  ~SandboxClient();
  SandboxClient(const SandboxClient&) = delete;
  SandboxClient& operator=(const SandboxClient&) = delete;

  // --- Where the app connects, and the sandbox's identities ---
  std::string id() const;          // sbx_N
  std::string root_url() const;    // the server, http://host:port
  std::string base_url() const;    // the Graph API base, e.g. http://host:port/v23.0
  std::string admin_base() const;  // root_url() + /_sim/sandboxes/sbx_N
  std::string access_token() const;
  std::string phone_number_id() const;
  std::string display_phone_number() const;
  std::string waba_id() const;
  std::string app_id() const;
  std::string app_secret() const;
  // The sandbox as the server described it on creation (JSON).
  std::string description() const;

  // --- Calls ---
  // An admin call as on a server of its own: `path_and_query` starts with
  // /_sim/ (e.g. "/_sim/clock/advance") and is sent to admin_base().
  Reply Admin(const std::string& method, const std::string& path_and_query, const std::string& body = "");
  // A Graph call with access_token() (or `token`); `path` after the version.
  // Status 0 when no HTTP answer came.
  Reply Graph(const std::string& method, const std::string& path, const std::string& body = "",
              const std::string& token = "");

  // --- The sandbox's virtual clock (manual) ---
  std::int64_t NowMs();
  std::optional<std::int64_t> NextDueMs();
  Reply AdvanceBy(const std::string& duration);  // "90s", "36h", "1d12h"
  bool AdvanceToNextDue();
  // As EmbeddedSimulator::AdvanceUntil: to each next due record within
  // `horizon`, until `done` holds; never sleeps, never steps blindly.
  WaitResult AdvanceUntil(const std::function<bool()>& done, std::chrono::milliseconds horizon,
                          const std::function<std::string()>& describe = {});

  // --- Admin operations and journals (this sandbox's only) ---
  Reply CustomerWrites(const std::string& text, const std::string& from = "",
                       const std::string& phone_number_id = "");
  Reply InjectFault(const std::string& json);
  Reply Reset();
  std::vector<SentMessage> Messages(const std::string& to = "");
  std::vector<DeliveryRecord> Deliveries();
  std::vector<FactRecord> Facts(const std::string& type = "", std::uint64_t after_seq = 0);
  std::vector<ApiCallRecord> ApiCalls();

  // Ends the sandbox now (DELETE /_sim/sandboxes/{id}); its token stops working.
  Reply End();

 private:
  struct Impl;
  explicit SandboxClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace wasim
