#include "simulator/persist/complete_state.h"

#include <limits>
#include <map>
#include <set>
#include <utility>

#include "simulator/core/ids.h"
#include "simulator/domain/faults/fault_rule.h"
#include "simulator/persist/state_codecs.h"

namespace wasim::persist {
namespace {

Json CompleteStateTemplatesJson(const TemplateStore& store) {
  Json list = Json::array();
  for (const auto& [id, t] : store.all()) list.push_back(t);
  return {{"templates", std::move(list)}, {"deleted_approved_names", store.deleted_approved_names}};
}

// What the document is made of, copied under the state lock (a copy of the
// stores costs a fraction of building the JSON, which happens after the lock
// is released, so requests wait only for the copy).
struct CompleteStateCapture {
  TimeMs now = 0;
  std::uint64_t seed = 0;
  std::string ids_state;
  SimState state;
  std::vector<TimelineEntry> pending;
  TimelineId timeline_next_id = 1;
  std::vector<Fact> facts;
  std::uint64_t facts_last_seq = 0;
  std::uint64_t facts_last_event_seq = 0;
  std::map<std::string, Blob> blobs;  // shared bytes, not copied
  webhooks::Outbox::Image outbox;
};

CompleteStateCapture CompleteStateCaptureLocked(Ctx& ctx, Simulator& sim, webhooks::Outbox& outbox) {
  CompleteStateCapture c;
  c.now = ctx.clock.Now();
  c.seed = sim.seed();
  c.ids_state = ctx.ids.SaveState();
  c.state = ctx.state;
  c.pending = ctx.timeline.Pending();
  c.timeline_next_id = ctx.timeline.next_id();
  c.facts.reserve(ctx.facts.size());
  (void)ctx.facts.Scan(0, std::numeric_limits<size_t>::max(), [&](const Fact& f) {
    c.facts.push_back(f);
    return true;
  });
  c.facts_last_seq = ctx.facts.last_seq();
  c.facts_last_event_seq = ctx.facts.last_event_seq();
  for (const auto& [id, m] : ctx.state.media.by_id)
    if (!m.sha256.empty() && !c.blobs.count(m.sha256))
      if (Blob bytes = ctx.blobs.Get(m.sha256)) c.blobs.emplace(m.sha256, std::move(bytes));
  c.outbox = outbox.Export(ctx);
  return c;
}

Json CompleteStateRender(CompleteStateCapture& c, Simulator& sim) {
  const SimState& s = c.state;
  Json doc = Json::object();
  doc["format"] = kStateFormat;
  doc["version"] = kStateVersion;
  doc["time"] = {{"now_ms", c.now}, {"now", FormatIso8601(c.now)}};
  doc["ids"] = {{"seed", c.seed}, {"generator", c.ids_state}};

  Json relations = Json::array();
  for (const auto& [key, rel] : s.customers.relations()) relations.push_back(Json::array({key, rel}));
  doc["world"] = {{"accounts", s.accounts},
                  {"customers", s.customers.by_wa_id},
                  {"relations", std::move(relations)},
                  {"config", s.config}};

  Json outbound = Json::array();
  for (const auto& id : s.messages.order())
    if (const auto* m = s.messages.Find(id)) outbound.push_back(*m);
  Json inbound = Json::array();
  for (const auto& id : s.inbound.order())
    if (const auto* m = s.inbound.Find(id)) inbound.push_back(*m);
  doc["messages"] = {{"outbound", std::move(outbound)}, {"inbound", std::move(inbound)}};

  Json blobs = Json::object();
  for (const auto& [sha, bytes] : c.blobs) blobs[sha] = Base64Encode(*bytes);
  doc["media"] = {{"store", s.media}, {"blobs", std::move(blobs)}};
  doc["message_templates"] = CompleteStateTemplatesJson(s.templates);
  doc["rules"] = s.rules;
  doc["coexistence"] = s.coexistence;
  doc["onboarding"] = s.onboarding;
  doc["registration"] = s.registration.all();
  doc["uploads"] = s.uploads;

  Json pending = Json::array();
  for (const auto& e : c.pending) pending.push_back(e);
  doc["timeline"] = {{"format_version", kRecordFormatVersion},
                     {"next_id", c.timeline_next_id},
                     {"pending", std::move(pending)}};

  Json facts = Json::array();
  for (const auto& f : c.facts) facts.push_back(f);
  doc["facts"] = {{"format_version", kRecordFormatVersion},
                  {"last_seq", c.facts_last_seq},
                  {"last_event_seq", c.facts_last_event_seq},
                  {"retained", std::move(facts)}};
  // Fault rules have their own lock; they are test set-up, read after the state.
  doc["faults"] = {{"next_id", sim.faults().next_id()}, {"rules", sim.faults().List()}};

  doc["webhooks"] = {{"cursor", c.outbox.cursor},
                     {"next_seq", c.outbox.next_seq},
                     {"rng", c.outbox.rng_state},
                     {"deliveries", std::move(c.outbox.deliveries)}};
  return doc;
}

// Reads a section (required) under its name.
template <class T>
void CompleteStateSection(const Json& doc, const char* key, T& out) {
  ReadRequired(doc, key, out);
}

const Json& CompleteStateObject(const Json& doc, const char* key) {
  auto it = doc.find(key);
  if (it == doc.end()) throw DocError(std::string(".") + key, "is missing");
  if (!it->is_object())
    throw DocError(std::string(".") + key, std::string("expected an object, found ") + it->type_name());
  return *it;
}

void CompleteStateCheckVersion(const Json& section, const char* where) {
  int v = kRecordFormatVersion;
  codec_detail::At(where, [&] { ReadField(section, "format_version", v); });
  if (v > kRecordFormatVersion)
    throw DocError(std::string(where) + ".format_version", "version " + std::to_string(v) +
                                                               " is newer than this wasim reads (" +
                                                               std::to_string(kRecordFormatVersion) + ")");
}

struct CompleteStateParsed {
  SimulatorImage sim;
  webhooks::Outbox::Image outbox;
};

CompleteStateParsed CompleteStateRead(const Json& doc) {
  ExpectObject(doc);
  std::string format;
  ReadRequired(doc, "format", format);
  if (format != kStateFormat) throw DocError(".format", "expected \"wasim-state\", found \"" + format + "\"");
  int version = 0;
  ReadRequired(doc, "version", version);
  if (version < 1 || version > kStateVersion)
    throw DocError(".version", "version " + std::to_string(version) + " is not one this wasim reads (1.." +
                                   std::to_string(kStateVersion) + ")");

  CompleteStateParsed p;
  SimulatorImage& img = p.sim;
  const Json& time = CompleteStateObject(doc, "time");
  codec_detail::At(".time", [&] { ReadRequired(time, "now_ms", img.now); });
  const Json& ids = CompleteStateObject(doc, "ids");
  codec_detail::At(".ids", [&] {
    ReadRequired(ids, "seed", img.seed);
    ReadRequired(ids, "generator", img.ids_state);
    std::mt19937_64 probe;
    if (!LoadEngineState(probe, img.ids_state)) throw DocError(".generator", "expected a generator state");
  });

  SimState& s = img.state;
  const Json& world = CompleteStateObject(doc, "world");
  codec_detail::At(".world", [&] {
    ReadRequired(world, "accounts", s.accounts);
    ReadRequired(world, "customers", s.customers.by_wa_id);
    std::vector<std::pair<std::pair<std::string, std::string>, CustomerRelation>> relations;
    ReadField(world, "relations", relations);
    for (auto& [key, rel] : relations) s.customers.Relation(key.first, key.second) = std::move(rel);
    ReadField(world, "config", s.config);
  });

  const Json& messages = CompleteStateObject(doc, "messages");
  codec_detail::At(".messages", [&] {
    std::vector<OutboundMessage> outbound;
    std::vector<InboundMessage> inbound;
    ReadRequired(messages, "outbound", outbound);
    ReadRequired(messages, "inbound", inbound);
    for (auto& m : outbound) s.messages.Add(std::move(m));
    for (auto& m : inbound) s.inbound.Add(std::move(m));
  });

  const Json& media = CompleteStateObject(doc, "media");
  codec_detail::At(".media", [&] {
    ReadRequired(media, "store", s.media);
    std::map<std::string, std::string> blobs;
    ReadField(media, "blobs", blobs);
    std::map<std::string, PreparedBlob> prepared;
    for (auto& [sha, b64] : blobs) {
      std::string bytes;
      if (!Base64Decode(b64, &bytes)) throw DocError(".blobs" + codec_detail::Key(sha), "expected base64");
      PreparedBlob blob = PrepareBlob(std::move(bytes));
      if (blob.sha256 != sha)
        throw DocError(".blobs" + codec_detail::Key(sha),
                       "the bytes hash to " + blob.sha256 + ", not to their key");
      prepared.emplace(sha, std::move(blob));
    }
    // One reference per media object that names bytes, as the media service keeps them.
    for (const auto& [id, m] : s.media.by_id) {
      auto it = prepared.find(m.sha256);
      if (it != prepared.end()) img.blobs.push_back(it->second);
    }
  });

  const Json& templates = CompleteStateObject(doc, "message_templates");
  codec_detail::At(".message_templates", [&] {
    std::vector<MessageTemplate> list;
    ReadRequired(templates, "templates", list);
    for (size_t i = 0; i < list.size(); ++i) {
      std::string id = list[i].id;
      if (!s.templates.Put(std::move(list[i])))
        throw DocError(".templates" + codec_detail::Index(i),
                       "another template of its WABA has its name and language (" + id + ")");
    }
    ReadField(templates, "deleted_approved_names", s.templates.deleted_approved_names);
  });
  CompleteStateSection(doc, "rules", s.rules);
  CompleteStateSection(doc, "coexistence", s.coexistence);
  CompleteStateSection(doc, "onboarding", s.onboarding);
  std::map<std::string, registration::NumberRegistration> registrations;
  CompleteStateSection(doc, "registration", registrations);
  for (auto& [id, r] : registrations) s.registration.Of(id) = std::move(r);
  CompleteStateSection(doc, "uploads", s.uploads);

  const Json& timeline = CompleteStateObject(doc, "timeline");
  CompleteStateCheckVersion(timeline, ".timeline");
  codec_detail::At(".timeline", [&] {
    ReadRequired(timeline, "next_id", img.timeline_next_id);
    ReadRequired(timeline, "pending", img.timeline);
    std::set<TimelineId> seen;
    for (size_t i = 0; i < img.timeline.size(); ++i)
      if (!seen.insert(img.timeline[i].id).second)
        throw DocError(".pending" + codec_detail::Index(i),
                       "repeats id " + std::to_string(img.timeline[i].id));
  });

  const Json& facts = CompleteStateObject(doc, "facts");
  CompleteStateCheckVersion(facts, ".facts");
  codec_detail::At(".facts", [&] {
    ReadRequired(facts, "last_seq", img.facts_last_seq);
    ReadField(facts, "last_event_seq", img.facts_last_event_seq);
    ReadRequired(facts, "retained", img.facts);
    for (size_t i = 0; i < img.facts.size(); ++i) {
      bool ordered = i == 0 || img.facts[i].seq > img.facts[i - 1].seq;
      if (!ordered || img.facts[i].seq > img.facts_last_seq)
        throw DocError(".retained" + codec_detail::Index(i) + ".seq",
                       "expected increasing sequence numbers up to last_seq");
    }
  });

  const Json& faults = CompleteStateObject(doc, "faults");
  codec_detail::At(".faults", [&] {
    ReadRequired(faults, "next_id", img.fault_next_id);
    ReadRequired(faults, "rules", img.fault_rules);
    // The same checks as POST /_sim/faults (every >= 1, latency and status
    // ranges, one action): a document must not smuggle in a rule that the
    // admin API refuses (every: 0 would divide by zero at the next match).
    for (size_t i = 0; i < img.fault_rules.size(); ++i) {
      Json shape = faults::FaultRuleJson(img.fault_rules[i]);
      for (const char* kept_by_the_store : {"id", "stage", "matched", "fired", "remaining", "finished"})
        shape.erase(kept_by_the_store);
      std::string problem;
      if (!faults::ParseFaultRule(shape, &problem))
        throw DocError(".rules" + codec_detail::Index(i), "expected a valid fault rule: " + problem);
    }
  });

  const Json& hooks = CompleteStateObject(doc, "webhooks");
  codec_detail::At(".webhooks", [&] {
    ReadRequired(hooks, "cursor", p.outbox.cursor);
    ReadRequired(hooks, "next_seq", p.outbox.next_seq);
    ReadField(hooks, "rng", p.outbox.rng_state);
    std::mt19937_64 probe;
    if (!p.outbox.rng_state.empty() && !LoadEngineState(probe, p.outbox.rng_state))
      throw DocError(".rng", "expected a generator state");
    ReadRequired(hooks, "deliveries", p.outbox.deliveries);
    for (size_t i = 1; i < p.outbox.deliveries.size(); ++i)
      if (p.outbox.deliveries[i].seq <= p.outbox.deliveries[i - 1].seq)
        throw DocError(".deliveries" + codec_detail::Index(i) + ".seq",
                       "expected increasing sequence numbers");
  });
  return p;
}

}  // namespace

Json ExportState(Simulator& sim, webhooks::Outbox& outbox) {
  CompleteStateCapture capture =
      sim.WithLock([&](Ctx& ctx) { return CompleteStateCaptureLocked(ctx, sim, outbox); });
  return CompleteStateRender(capture, sim);
}

std::optional<std::string> ImportState(Simulator& sim, webhooks::Outbox& outbox, const Json& doc) {
  CompleteStateParsed parsed;
  try {
    parsed = CompleteStateRead(doc);
  } catch (const DocError& e) {
    return "at $" + e.path() + ": " + e.problem();
  } catch (const std::exception& e) {
    return std::string("at $: ") + e.what();
  }
  sim.Restore(std::move(parsed.sim), [&](Ctx& ctx) { outbox.Restore(ctx, std::move(parsed.outbox)); });
  return std::nullopt;
}

Json StateCounts(const Json& doc) {
  auto count = [&](const char* section, const char* key) -> size_t {
    auto s = doc.find(section);
    if (s == doc.end() || !s->is_object()) return 0;
    auto k = s->find(key);
    return k != s->end() && k->is_array() ? k->size() : 0;
  };
  return {{"outbound_messages", count("messages", "outbound")},
          {"inbound_messages", count("messages", "inbound")},
          {"scheduled_tasks", count("timeline", "pending")},
          {"facts", count("facts", "retained")},
          {"webhook_deliveries", count("webhooks", "deliveries")}};
}

}  // namespace wasim::persist
