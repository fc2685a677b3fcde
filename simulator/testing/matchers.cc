// The checks behind include/wasim/testing/matchers.h, over Meta's payloads:
// webhook envelopes {"object","entry":[{"changes":[{"field","value"}]}]}
// (statuses in value.statuses[], errors in statuses[].errors[]) and Graph
// error responses {"error":{"code",...}}.
#include "wasim/testing/matchers.h"

#include <sstream>

#include "simulator/core/json.h"

namespace wasim::testing {
namespace {

// o[key] when o is an object holding a string there, else "": a matcher reads
// whatever body it is given and must explain a mismatch, never throw.
std::string MatcherStr(const Json& o, const char* key) {
  return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
}

Json MatchersParse(const std::string& body) {
  Json j = Json::parse(body, nullptr, false);
  return j.is_discarded() ? Json() : j;
}

// Every change's (field, value) of a webhook envelope.
std::vector<std::pair<std::string, Json>> MatchersChanges(const Json& envelope) {
  std::vector<std::pair<std::string, Json>> out;
  if (!envelope.is_object() || !envelope.contains("entry") || !envelope["entry"].is_array()) return out;
  for (const Json& e : envelope["entry"]) {
    if (!e.is_object() || !e.contains("changes") || !e["changes"].is_array()) continue;
    for (const Json& c : e["changes"]) {
      if (!c.is_object()) continue;
      out.emplace_back(MatcherStr(c, "field"), c.contains("value") ? c["value"] : Json());
    }
  }
  return out;
}

int MatchersFirstErrorCode(const Json& status) {
  if (!status.contains("errors") || !status["errors"].is_array() || status["errors"].empty()) return 0;
  const Json& e = status["errors"][0];
  return e.is_object() && e.contains("code") && e["code"].is_number_integer() ? e["code"].get<int>() : 0;
}

// '*' matches any run of characters.
bool MatchersGlob(const std::string& pattern, const std::string& text) {
  size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string MatchersShort(const std::string& s, size_t max = 160) {
  return s.size() <= max ? s : s.substr(0, max) + "…";
}

// What a webhook says, in one line: per change its field and, for messages,
// each status (wamid: status (error)) or inbound message (type "text"); other
// fields their value, shortened. Bodies that are not envelopes: shortened.
std::string MatchersSummary(const std::string& body) {
  auto changes = MatchersChanges(MatchersParse(body));
  if (changes.empty()) return MatchersShort(body);
  std::ostringstream os;
  bool first = true;
  for (const auto& [field, value] : changes) {
    os << (first ? "" : "; ") << field << ":";
    first = false;
    bool described = false;
    if (value.is_object() && value.contains("statuses") && value["statuses"].is_array()) {
      for (const Json& st : value["statuses"]) {
        os << (&st == &value["statuses"].front() ? " " : ", ") << MatcherStr(st, "id") << ": "
           << MatcherStr(st, "status");
        if (int code = MatchersFirstErrorCode(st)) os << " (error " << code << ")";
      }
      described = true;
    }
    if (value.is_object() && value.contains("messages") && value["messages"].is_array()) {
      for (const Json& m : value["messages"]) {
        std::string type = MatcherStr(m, "type");
        os << " from " << MatcherStr(m, "from") << " " << type;
        if (type == "text" && m.contains("text") && m["text"].is_object())
          os << " \"" << MatcherStr(m["text"], "body") << "\"";
      }
      described = true;
    }
    if (!described) os << " " << MatchersShort(value.dump(), 120);
  }
  return os.str();
}

class MessageSentMatcher : public ::testing::MatcherInterface<const SentMessage&> {
 public:
  MessageSentMatcher(std::string to, std::string type, ::testing::Matcher<const std::string&> text)
      : to_(std::move(to)), type_(std::move(type)), text_(std::move(text)) {}
  bool MatchAndExplain(const SentMessage& m, ::testing::MatchResultListener* l) const override {
    if (m.to != to_) {
      *l << "sent to " << m.to;
      return false;
    }
    if (m.type != type_) {
      *l << "of type " << m.type;
      return false;
    }
    ::testing::StringMatchResultListener inner;
    if (!text_.MatchAndExplain(m.text, &inner)) {
      *l << "whose text is \"" << m.text << "\"";
      if (!inner.str().empty()) *l << ", " << inner.str();
      return false;
    }
    return true;
  }
  void DescribeTo(std::ostream* os) const override {
    *os << "is a " << type_ << " message sent to " << to_ << " whose text ";
    text_.DescribeTo(os);
  }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "is not a " << type_ << " message sent to " << to_ << " whose text ";
    text_.DescribeTo(os);
  }

 private:
  std::string to_, type_;
  ::testing::Matcher<const std::string&> text_;
};

class ApiCallMatcher : public ::testing::MatcherInterface<const ApiCallRecord&> {
 public:
  ApiCallMatcher(std::string method, std::string pattern, int status)
      : method_(std::move(method)), pattern_(std::move(pattern)), status_(status) {}
  bool MatchAndExplain(const ApiCallRecord& c, ::testing::MatchResultListener* l) const override {
    *l << "a call " << c.method << " " << c.path << " answered " << c.status;
    if (c.error_code) *l << " (error " << c.error_code << ")";
    return c.method == method_ && MatchersGlob(pattern_, c.path) && (status_ == 0 || c.status == status_);
  }
  void DescribeTo(std::ostream* os) const override {
    *os << "is an API call " << method_ << " " << pattern_;
    if (status_) *os << " answered " << status_;
  }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "is not an API call " << method_ << " " << pattern_;
    if (status_) *os << " answered " << status_;
  }

 private:
  std::string method_, pattern_;
  int status_;
};

class SignatureValidMatcher : public ::testing::MatcherInterface<const ReceivedWebhook&> {
 public:
  bool MatchAndExplain(const ReceivedWebhook& w, ::testing::MatchResultListener* l) const override {
    *l << "whose X-Hub-Signature-256 is \"" << w.signature << "\"";
    return w.signature_valid;
  }
  void DescribeTo(std::ostream* os) const override {
    *os << "has an X-Hub-Signature-256 that verifies with the app secret";
  }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "has no X-Hub-Signature-256 that verifies with the app secret";
  }
};

}  // namespace

namespace internal {

bool MatchStatusWebhook(const std::string& body, const std::string& wamid, const std::string& status,
                        int error_code, std::string* why) {
  std::ostringstream seen;
  bool any = false;
  for (const auto& [field, value] : MatchersChanges(MatchersParse(body))) {
    if (field != "messages" || !value.is_object() || !value.contains("statuses") ||
        !value["statuses"].is_array())
      continue;
    for (const Json& s : value["statuses"]) {
      std::string id = MatcherStr(s, "id"), st = MatcherStr(s, "status");
      int code = MatchersFirstErrorCode(s);
      seen << (any ? ", " : "") << id << ": " << st;
      if (code) seen << " (error " << code << ")";
      any = true;
      if ((wamid.empty() || id == wamid) && st == status && (error_code == 0 || code == error_code))
        return true;
    }
  }
  *why = any ? "whose statuses are [" + seen.str() + "]" : "which carries no message status";
  return false;
}

bool MatchWebhookField(const std::string& body, const std::string& field, std::string* why) {
  auto changes = MatchersChanges(MatchersParse(body));
  std::string fields;
  for (const auto& [f, v] : changes) {
    if (f == field) return true;
    fields += (fields.empty() ? "" : ", ") + f;
  }
  *why = changes.empty() ? "which is not a webhook envelope: " + MatchersShort(body)
                         : "whose fields are [" + fields + "]";
  return false;
}

bool MatchGraphError(int http_status, const std::string& body, int code, int want_http_status,
                     std::string* why) {
  Json j = MatchersParse(body);
  int got = 0;
  if (j.is_object() && j.contains("error") && j["error"].is_object() && j["error"].contains("code") &&
      j["error"]["code"].is_number_integer())
    got = j["error"]["code"].get<int>();
  bool ok = got == code && (want_http_status == 0 || http_status == want_http_status);
  if (!ok) {
    std::ostringstream os;
    if (got)
      os << "which is error " << got << " with HTTP " << http_status << ": " << MatchersShort(body);
    else
      os << "which is HTTP " << http_status << " without a Graph error: " << MatchersShort(body);
    *why = os.str();
  }
  return ok;
}

void StatusWebhookImpl::DescribeTo(std::ostream* os) const {
  *os << "is a status webhook "
      << (error_code_ ? "failed with error " + std::to_string(error_code_) : status_) << " for "
      << (wamid_.empty() ? std::string("any message") : wamid_);
}
void StatusWebhookImpl::DescribeNegationTo(std::ostream* os) const {
  *os << "is not a status webhook "
      << (error_code_ ? "failed with error " + std::to_string(error_code_) : status_) << " for "
      << (wamid_.empty() ? std::string("any message") : wamid_);
}
void WebhookFieldImpl::DescribeTo(std::ostream* os) const { *os << "is a webhook of field " << field_; }
void WebhookFieldImpl::DescribeNegationTo(std::ostream* os) const {
  *os << "is not a webhook of field " << field_;
}
void GraphErrorImpl::DescribeTo(std::ostream* os) const {
  *os << "is a Graph error " << code_;
  if (http_status_) *os << " with HTTP status " << http_status_;
}
void GraphErrorImpl::DescribeNegationTo(std::ostream* os) const {
  *os << "is not a Graph error " << code_;
  if (http_status_) *os << " with HTTP status " << http_status_;
}

}  // namespace internal

::testing::Matcher<const SentMessage&> MessageSent(const std::string& to, const std::string& type,
                                                   ::testing::Matcher<const std::string&> text) {
  return ::testing::MakeMatcher(new MessageSentMatcher(to, type, std::move(text)));
}

::testing::Matcher<const ApiCallRecord&> ApiCall(const std::string& method, const std::string& path_pattern,
                                                 int status) {
  return ::testing::MakeMatcher(new ApiCallMatcher(method, path_pattern, status));
}

::testing::Matcher<const ReceivedWebhook&> SignatureValid() {
  return ::testing::MakeMatcher(new SignatureValidMatcher);
}

void PrintTo(const ReceivedWebhook& w, std::ostream* os) {
  *os << "#" << w.index << " " << w.method << " " << w.path << " field=" << (w.field.empty() ? "-" : w.field)
      << " signature " << (w.signature_valid ? "valid" : "INVALID") << " answered " << w.answered_status
      << " | " << MatchersSummary(w.body);
}

}  // namespace wasim::testing

namespace wasim {

void PrintTo(const Reply& r, std::ostream* os) {
  *os << "HTTP " << r.status << " " << testing::MatchersShort(r.body, 400);
}

void PrintTo(const SentMessage& m, std::ostream* os) {
  *os << m.type << " to " << m.to << " (" << m.wamid << ") \"" << m.text << "\" status " << m.status;
  if (m.error_code) *os << " error " << m.error_code;
}

void PrintTo(const DeliveryRecord& d, std::ostream* os) {
  *os << d.id << " " << d.state << " attempts " << d.attempts << " last answer " << d.last_response_status
      << " | " << testing::MatchersSummary(d.body);
}

void PrintTo(const ApiCallRecord& c, std::ostream* os) {
  *os << c.method << " " << c.path << " -> " << c.status;
  if (c.error_code) *os << " (error " << c.error_code << ")";
}

}  // namespace wasim
