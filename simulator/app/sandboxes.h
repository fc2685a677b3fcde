// SandboxRegistry: isolated simulators inside one server, so parallel CI jobs
// sharing one wasim do not collide. POST /_sim/sandboxes builds a new Instance
// (no listener of its own) with its own world, clock, seeded ids, tokens and
// journals; the serving Instance's front handler asks the registry first:
//   /_sim/sandboxes                 GET: list; POST: create (201)
//   /_sim/sandboxes/{id}            GET: describe; DELETE: end it
//   /_sim/sandboxes/{id}/<rest>     that sandbox's admin API at /_sim/<rest>
//   a Graph request whose token (Bearer/OAuth header or ?access_token) is a
//   sandbox's                       that sandbox's Graph pipeline
// An app access token ("{app-id}|{app-secret}") goes to the sandbox whose app
// has that secret (each sandbox's default secret is its own).
// Anything else is not the registry's (nullopt): the main simulator answers
// it exactly as without sandboxes (an unknown token is its 190).
//
// Routing by token: every token of sandbox N's worlds (the initial one and
// any scenario loaded into it) is renamed to start with
// "EAAwasimSandbox<N>x<16 hex>", so the sandbox is read off the token, with
// no lookup table to keep in step with the sandbox's world; N is never reused.
//
// Thread-safe: the table is guarded by its own mutex, held only to find, add
// or remove; a request holds a shared_ptr to its sandbox while it runs, so a
// DELETE during a request ends the sandbox when that request is done.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "simulator/app/builder.h"
#include "simulator/http/http_types.h"

namespace wasim {

class Instance;

// "sbx_7" for a token that names sandbox 7 ("EAAwasimSandbox7x..."), else "".
std::string SandboxIdOfToken(const std::string& token);

class SandboxRegistry {
 public:
  // `main`: the serving simulator's settings (webhook sender, outbox and fact
  // retention options, scenario library, the cap); copied.
  explicit SandboxRegistry(const SimulatorBuilder& main);
  ~SandboxRegistry();
  SandboxRegistry(const SandboxRegistry&) = delete;
  SandboxRegistry& operator=(const SandboxRegistry&) = delete;

  // The answer when the request is the registry's (see above), else nullopt.
  std::optional<HttpResponse> Handle(const HttpRequest& req);
  // The server's base URL ("http://127.0.0.1:8080"): graph_base and media URLs.
  void SetPublicBaseUrl(std::string url);
  // Ends every sandbox (server shutdown).
  void StopAll();
  std::size_t size() const;
  // The live sandbox with this id (in-process access, tests); null if none.
  std::shared_ptr<Instance> Find(const std::string& id) const;

 private:
  struct Sandbox;
  HttpResponse Create(const HttpRequest& req);
  HttpResponse List() const;
  HttpResponse Delete(const std::string& id);
  std::shared_ptr<Sandbox> Get(const std::string& id) const;
  // The live sandbox an app access token ("{app-id}|{app-secret}") is for.
  std::shared_ptr<Sandbox> ForAppToken(const std::string& token) const;
  Json Describe(const Sandbox& s) const;

  SimulatorBuilder main_;
  mutable std::mutex mu_;
  std::map<std::uint64_t, std::shared_ptr<Sandbox>> live_;  // by N, in creation order
  std::uint64_t next_ = 1;
  std::size_t creating_ = 0;  // reserved under the cap while being built
  std::string base_url_;
};

}  // namespace wasim
