#include "simulator/domain/coexistence/history_plan.h"

#include <algorithm>

#include "simulator/core/hmac.h"

namespace wasim::coexistence {
namespace {

using Piece = BusinessAppHistorySynced;
using Message = BusinessAppHistorySynced::Message;

bool IsMedia(const std::string& type) {
  return type == "image" || type == "video" || type == "audio" || type == "document" || type == "sticker";
}

// Assumption: typical MIME types per media type (Meta's example: image/jpeg).
const char* MimeOf(const std::string& type) {
  if (type == "image") return "image/jpeg";
  if (type == "video") return "video/mp4";
  if (type == "audio") return "audio/ogg";
  if (type == "document") return "application/pdf";
  return "image/webp";
}

struct Planned {
  Message message;
  DurationMs age = 0;
  int phase = 0;
  bool media = false;
  std::string caption;
};

Message HistoryMessage(const PhoneNumber& phone, const BusinessAppThread& t, const BusinessAppMessage& m,
                       TimeMs onboarded_at, const HistoryIds& ids) {
  Message out;
  out.thread_wa_id = t.wa_id;
  out.from = m.from_business ? phone.display_phone_number : t.wa_id;
  // Meta: `to` only on messages the business sent (echoes).
  if (m.from_business) out.to = t.wa_id;
  out.wamid = ids.wamid(t.wa_id);
  out.sent_at = onboarded_at - m.age;
  out.status = m.status;
  if (IsMedia(m.type)) {
    out.type = "media_placeholder";  // Meta: contents follow separately
  } else {
    out.type = m.type;
    out.content = Json{{"body", m.text}};
  }
  return out;
}

// The messages of one phase, thread by thread (world order), oldest first.
std::vector<Planned> PhaseMessages(const std::vector<Planned>& all, int phase) {
  std::vector<std::string> threads;
  for (const auto& p : all)
    if (std::find(threads.begin(), threads.end(), p.message.thread_wa_id) == threads.end())
      threads.push_back(p.message.thread_wa_id);
  std::vector<Planned> out;
  for (const auto& t : threads) {
    size_t first = out.size();
    for (const auto& p : all)
      if (p.phase == phase && p.message.thread_wa_id == t) out.push_back(p);
    std::stable_sort(
        out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
        [](const Planned& a, const Planned& b) { return a.message.sent_at < b.message.sent_at; });
  }
  return out;
}

}  // namespace

int HistoryPhase(DurationMs age) {
  if (age < 0 || age > kHistoryHorizon) return -1;
  if (age < kDay) return 0;
  if (age < 90 * kDay) return 1;
  return 2;
}

std::vector<BusinessAppHistorySynced> PlanHistory(const PhoneNumber& phone, TimeMs onboarded_at,
                                                  int per_chunk, const HistoryIds& ids) {
  per_chunk = std::max(per_chunk, 1);
  std::vector<Planned> all;
  for (const auto& t : phone.business_app.threads)
    for (const auto& m : t.messages) {
      int phase = HistoryPhase(m.age);
      if (phase < 0) continue;
      Planned p{HistoryMessage(phone, t, m, onboarded_at, ids), m.age, phase, IsMedia(m.type), m.text};
      if (p.media) p.message.content = Json{{"type", m.type}};  // kept for the contents piece
      all.push_back(std::move(p));
    }
  const size_t total = all.size();
  size_t sent = 0;
  std::vector<Piece> out;
  std::vector<Piece> media;
  for (int phase = 0; phase <= 2; ++phase) {
    std::vector<Planned> msgs = PhaseMessages(all, phase);
    int chunk = 0;
    for (size_t begin = 0; begin < msgs.size(); begin += per_chunk) {
      Piece piece;
      piece.waba_id = phone.waba_id;
      piece.phone_number_id = phone.id;
      piece.phase = phase;
      piece.chunk_order = ++chunk;
      size_t end = std::min(msgs.size(), begin + per_chunk);
      for (size_t i = begin; i < end; ++i) {
        Message m = msgs[i].message;
        if (msgs[i].media) {
          // Meta: media contents only for media of the last 14 days.
          if (msgs[i].age <= kMediaContentHorizon) {
            Piece content;
            content.waba_id = phone.waba_id;
            content.phone_number_id = phone.id;
            content.kind = Piece::Kind::kMedia;
            content.phase = phase;
            Message c = m;
            c.to.clear();
            c.status.clear();
            c.type = m.content.value("type", std::string("image"));
            c.content = Json::object();
            if (!msgs[i].caption.empty()) c.content["caption"] = msgs[i].caption;
            c.content["mime_type"] = MimeOf(c.type);
            c.content["sha256"] = Sha256Hex(c.wamid);
            c.content["id"] = ids.media_id();
            content.messages.push_back(std::move(c));
            media.push_back(std::move(content));
          }
          m.content = Json();  // Meta: a placeholder carries no contents
        }
        piece.messages.push_back(std::move(m));
      }
      sent += end - begin;
      piece.progress = total == 0 ? 100 : static_cast<int>(sent * 100 / total);
      out.push_back(std::move(piece));
    }
  }
  for (auto& m : media) out.push_back(std::move(m));
  return out;
}

BusinessAppHistorySynced DeclinedHistory(const PhoneNumber& phone) {
  Piece piece;
  piece.waba_id = phone.waba_id;
  piece.phone_number_id = phone.id;
  piece.kind = Piece::Kind::kDeclined;
  piece.error = MakeError(ErrorCode::kHistorySyncOff);
  return piece;
}

}  // namespace wasim::coexistence
