#include "simulator/admin/state_admin.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "simulator/admin/state_json.h"
#include "simulator/persist/complete_state.h"

namespace wasim {
namespace {

// Saved documents by name, in memory. Own mutex: never held with the state lock.
class StateAdminSnapshots {
 public:
  struct Entry {
    std::shared_ptr<const Json> doc;  // shared: a restore does not copy it
    TimeMs saved_at = 0;              // virtual time of the saved state
    std::uint64_t order = 0;
  };
  // The name (generated when empty) and whether it replaced a snapshot.
  std::pair<std::string, bool> Put(std::string name, std::shared_ptr<const Json> doc, TimeMs at) {
    std::lock_guard lock(mu_);
    ++counter_;
    if (name.empty()) {
      do name = "snapshot-" + std::to_string(generated_++ + 1);
      while (entries_.count(name));
    }
    bool replaced = entries_.count(name) > 0;
    entries_[name] = Entry{std::move(doc), at, counter_};
    return {name, replaced};
  }
  std::optional<Entry> Get(const std::string& name) const {
    std::lock_guard lock(mu_);
    auto it = entries_.find(name);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  bool Remove(const std::string& name) {
    std::lock_guard lock(mu_);
    return entries_.erase(name) > 0;
  }
  Json List() const {
    std::lock_guard lock(mu_);
    std::vector<std::pair<std::uint64_t, Json>> rows;
    for (const auto& [name, e] : entries_) rows.emplace_back(e.order, Describe(name, e));
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Json data = Json::array();
    for (auto& [order, row] : rows) data.push_back(std::move(row));
    return data;
  }
  static Json Describe(const std::string& name, const Entry& e) {
    return {{"name", name}, {"now", FormatIso8601(e.saved_at)}, {"counts", persist::StateCounts(*e.doc)}};
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
  std::uint64_t counter_ = 0;
  std::uint64_t generated_ = 0;
};

// Names travel in URLs: letters, digits, '.', '_' and '-', up to 64.
bool StateAdminValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

TimeMs StateAdminDocTime(const Json& doc) { return doc.at("time").at("now_ms").get<TimeMs>(); }

}  // namespace

void RegisterStateAdminRoutes(AdminRouter& router, Simulator& sim, webhooks::Outbox& outbox) {
  auto snapshots = std::make_shared<StateAdminSnapshots>();

  router.Add("GET", "/_sim/state", [&sim, &outbox](const HttpRequest& req, const PathParams&) {
    Json view = sim.WithLock([](Ctx& ctx) { return ExportState(ctx); });
    if (req.Query("view") == "summary") return AdminJson(200, view);
    if (req.HasQuery("view") && req.Query("view") != "complete")
      return AdminError(400, "view must be summary or complete");
    // The complete document's sections after the summary's keys (no name is in both).
    Json doc = persist::ExportState(sim, outbox);
    for (auto it = doc.begin(); it != doc.end(); ++it) view[it.key()] = std::move(*it);
    return AdminJson(200, view);
  });

  router.Add("PUT", "/_sim/state", [&sim, &outbox](const HttpRequest& req, const PathParams&) {
    auto body = ParseJsonBody(req.body);
    if (!body) return AdminError(400, "the body is not JSON: " + body.error().details);
    if (auto problem = persist::ImportState(sim, outbox, *body)) return AdminError(400, *problem);
    return AdminJson(200, {{"imported", true},
                           {"now", FormatIso8601(sim.clock().Now())},
                           {"counts", persist::StateCounts(*body)}});
  });

  router.Add("POST", "/_sim/snapshots",
             [&sim, &outbox, snapshots](const HttpRequest& req, const PathParams&) {
               auto body = ParseJsonBody(req.body.empty() ? "{}" : req.body);
               if (!body || !body->is_object()) return AdminError(400, "the body must be a JSON object");
               std::string name;
               if (body->contains("name")) {
                 const Json& n = (*body)["name"];
                 if (!n.is_string() || !StateAdminValidName(n.get<std::string>()))
                   return AdminError(400, "name must be 1-64 letters, digits, '.', '_' or '-'");
                 name = n.get<std::string>();
               }
               auto doc = std::make_shared<const Json>(persist::ExportState(sim, outbox));
               TimeMs at = StateAdminDocTime(*doc);
               auto [saved, replaced] = snapshots->Put(name, std::move(doc), at);
               auto entry = snapshots->Get(saved);
               Json out = StateAdminSnapshots::Describe(saved, *entry);
               out["replaced"] = replaced;
               return AdminJson(201, out);
             });

  router.Add("GET", "/_sim/snapshots", [snapshots](const HttpRequest&, const PathParams&) {
    return AdminJson(200, {{"data", snapshots->List()}});
  });

  router.Add("POST", "/_sim/snapshots/{name}/restore",
             [&sim, &outbox, snapshots](const HttpRequest&, const PathParams& p) {
               const std::string& name = p.at("name");
               auto entry = snapshots->Get(name);
               if (!entry) return AdminError(404, "no snapshot named " + name);
               if (auto problem = persist::ImportState(sim, outbox, *entry->doc))
                 return AdminError(500, *problem);
               return AdminJson(200, {{"restored", name},
                                      {"now", FormatIso8601(sim.clock().Now())},
                                      {"counts", persist::StateCounts(*entry->doc)}});
             });

  router.Add("DELETE", "/_sim/snapshots/{name}", [snapshots](const HttpRequest&, const PathParams& p) {
    const std::string& name = p.at("name");
    if (!snapshots->Remove(name)) return AdminError(404, "no snapshot named " + name);
    return AdminJson(200, {{"deleted", name}});
  });
}

}  // namespace wasim
