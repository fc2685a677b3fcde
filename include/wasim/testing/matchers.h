// GoogleMock matchers that read like the WhatsApp Cloud API:
//   EXPECT_THAT(sim.Messages(), Contains(MessageSent(to, "template", HasSubstr("order 42"))));
//   EXPECT_THAT(receiver.Deliveries(), Contains(StatusWebhook(wamid, "delivered")));
//   EXPECT_THAT(reply, GraphError(131047, 400));
// Webhook matchers work on anything with a `body` holding a webhook envelope
// (ReceivedWebhook, DeliveryRecord); a failed match explains what it saw.
#pragma once
#include <gmock/gmock.h>

#include <ostream>
#include <string>
#include <utility>

#include "wasim/simulator.h"
#include "wasim/testing/webhook_receiver.h"

namespace wasim::testing {
namespace internal {
// The checks behind the matchers: true on a match; `why` gets what was seen.
bool MatchStatusWebhook(const std::string& body, const std::string& wamid, const std::string& status,
                        int error_code, std::string* why);
bool MatchWebhookField(const std::string& body, const std::string& field, std::string* why);
bool MatchGraphError(int http_status, const std::string& body, int code, int want_http_status,
                     std::string* why);

// A matcher over any T with `body` (and `status` for Graph errors), for MakePolymorphicMatcher.
class StatusWebhookImpl {
 public:
  StatusWebhookImpl(std::string wamid, std::string status, int error_code)
      : wamid_(std::move(wamid)), status_(std::move(status)), error_code_(error_code) {}
  template <class T>
  bool MatchAndExplain(const T& delivery, ::testing::MatchResultListener* listener) const {
    std::string why;
    bool ok = MatchStatusWebhook(delivery.body, wamid_, status_, error_code_, &why);
    *listener << why;
    return ok;
  }
  void DescribeTo(std::ostream* os) const;
  void DescribeNegationTo(std::ostream* os) const;

 private:
  std::string wamid_, status_;
  int error_code_;
};

class WebhookFieldImpl {
 public:
  explicit WebhookFieldImpl(std::string field) : field_(std::move(field)) {}
  template <class T>
  bool MatchAndExplain(const T& delivery, ::testing::MatchResultListener* listener) const {
    std::string why;
    bool ok = MatchWebhookField(delivery.body, field_, &why);
    *listener << why;
    return ok;
  }
  void DescribeTo(std::ostream* os) const;
  void DescribeNegationTo(std::ostream* os) const;

 private:
  std::string field_;
};

class GraphErrorImpl {
 public:
  GraphErrorImpl(int code, int http_status) : code_(code), http_status_(http_status) {}
  template <class T>
  bool MatchAndExplain(const T& reply, ::testing::MatchResultListener* listener) const {
    std::string why;
    bool ok = MatchGraphError(reply.status, reply.body, code_, http_status_, &why);
    *listener << why;
    return ok;
  }
  void DescribeTo(std::ostream* os) const;
  void DescribeNegationTo(std::ostream* os) const;

 private:
  int code_, http_status_;
};
}  // namespace internal

// A message sent to `to` (wa_id) of `type` whose text (a template's hydrated
// body) matches `text` (a string is an exact match; pass HasSubstr(...) etc.).
::testing::Matcher<const SentMessage&> MessageSent(
    const std::string& to, const std::string& type,
    ::testing::Matcher<const std::string&> text = ::testing::_);

// A messages webhook carrying a status `status` for `wamid` ("" any message).
inline ::testing::PolymorphicMatcher<internal::StatusWebhookImpl> StatusWebhook(std::string wamid,
                                                                                std::string status) {
  return ::testing::MakePolymorphicMatcher(
      internal::StatusWebhookImpl(std::move(wamid), std::move(status), 0));
}

// A messages webhook carrying a `failed` status with error `code` for `wamid` ("" any message).
inline ::testing::PolymorphicMatcher<internal::StatusWebhookImpl> FailedStatusWebhook(std::string wamid,
                                                                                      int code) {
  return ::testing::MakePolymorphicMatcher(internal::StatusWebhookImpl(std::move(wamid), "failed", code));
}

// A webhook with a change of `field` (messages, message_template_status_update, ...).
inline ::testing::PolymorphicMatcher<internal::WebhookFieldImpl> WebhookOfField(std::string field) {
  return ::testing::MakePolymorphicMatcher(internal::WebhookFieldImpl(std::move(field)));
}

// A Graph error response: Meta's envelope with error.code `code` and HTTP
// status `http_status` (0: any status). Works on Reply or anything with status and body.
inline ::testing::PolymorphicMatcher<internal::GraphErrorImpl> GraphError(int code, int http_status = 0) {
  return ::testing::MakePolymorphicMatcher(internal::GraphErrorImpl(code, http_status));
}

// A Graph API call the app made: `method` and a path pattern where `*` matches
// any run of characters (e.g. "/v*/*/messages"); `status` 0 matches any.
::testing::Matcher<const ApiCallRecord&> ApiCall(const std::string& method, const std::string& path_pattern,
                                                 int status = 0);

// A delivery whose X-Hub-Signature-256 verified with the app secret.
::testing::Matcher<const ReceivedWebhook&> SignatureValid();

// Readable values in gtest's failure messages.
void PrintTo(const ReceivedWebhook& w, std::ostream* os);

}  // namespace wasim::testing

namespace wasim {
// Readable values in gtest's failure messages.
void PrintTo(const Reply& r, std::ostream* os);
void PrintTo(const SentMessage& m, std::ostream* os);
void PrintTo(const DeliveryRecord& d, std::ostream* os);
void PrintTo(const ApiCallRecord& c, std::ostream* os);
}  // namespace wasim
