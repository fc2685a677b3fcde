// Nested objects of the wrong JSON type anywhere in a send (an interactive
// header that is a string, carousel cards that are not a list, ...) are a
// Graph error, never a 500 and never a crash: the media-id scan reads them
// before or beside the validators.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

std::string SendPath() { return std::string(D::kPhoneNumberId) + "/messages"; }

TEST(NestedShapesTest, WrongTypedNestedObjectsAreAnsweredNot500) {
  PipelineHarness h;
  for (
      const char* body : {
          R"({"messaging_product":"whatsapp","to":"16505551234","type":"interactive","interactive":{"type":"catalog_message","header":"x","body":{"text":"b"},"action":{"name":"catalog_message"}}})",
          R"({"messaging_product":"whatsapp","to":"16505551234","type":"interactive","interactive":{"type":"location_request_message","header":{"type":5},"body":{"text":"b"},"action":{"name":"send_location"}}})",
          R"({"messaging_product":"whatsapp","to":"16505551234","type":"interactive","interactive":{"type":"button","body":{"text":"b"},"action":{"cards":"x","buttons":[{"type":"reply","reply":{"id":"1","title":"t"}}]}}})",
          R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"},"components":[{"type":"carousel","cards":"x"}]}})",
          R"({"messaging_product":"whatsapp","to":"16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"},"components":[{"type":"body","parameters":"x"}]}})",
      }) {
    HttpResponse r = h.Post(SendPath(), body);
    EXPECT_NE(r.status, 500) << body << "\n" << r.body;
    EXPECT_LT(r.status, 500) << body << "\n" << r.body;
    Json j = ParseOrDie(r.body);
    if (r.status >= 400) {
      EXPECT_NE(j["error"]["code"], 1) << r.body;  // not Meta's "unknown error"
    }
  }
}

}  // namespace
}  // namespace wasim::testing
