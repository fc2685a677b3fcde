// Admin listings of the whole world are read in chunks (chunked_read.h): the
// result must be complete and in order across chunk boundaries.
#include <gtest/gtest.h>

#include "simulator/admin/chunked_read.h"
#include "simulator/app/wiring.h"
#include "simulator/domain/accounts/bulk.h"
#include "tests/support/test_support.h"

namespace wasim {
namespace {

using D = DefaultIds;

Json AdminGet(Instance& inst, const std::string& path) {
  HttpRequest r;
  r.method = "GET";
  r.path = path;
  if (auto q = path.find('?'); q != std::string::npos) {
    r.query = ParseQueryString(path.substr(q + 1));
    r.path = path.substr(0, q);
  }
  auto resp = inst.admin().Handle(r);
  EXPECT_TRUE(resp && resp->status == 200);
  return resp ? Json::parse(resp->body) : Json();
}

TEST(AdminListingsTest, CustomersAreCompleteAndInWaIdOrderAcrossChunks) {
  auto inst = SimulatorBuilder().Build();
  const std::int64_t kMore = 2 * kAdminReadChunk + 7;
  BulkCreated created;
  std::string error;
  ASSERT_TRUE(inst->sim().WithLock([&](Ctx& ctx) {
    return CreateBulk(ctx, {1, kMore, ""}, &created, &error);
  })) << error;
  Json data = AdminGet(*inst, "/_sim/customers")["data"];
  ASSERT_EQ(data.size(), static_cast<size_t>(kMore + 1));  // + the default customer
  for (size_t i = 1; i < data.size(); ++i)
    EXPECT_LT(data[i - 1]["wa_id"].get<std::string>(), data[i]["wa_id"].get<std::string>());
}

TEST(AdminListingsTest, MessagesAreCompleteAndInAcceptanceOrderAcrossChunks) {
  auto inst = SimulatorBuilder()
                  .World(DefaultWorld().EditRelation(
                      D::kPhoneNumberId, D::kCustomerWaId,
                      [](CustomerRelation& r) { r.last_inbound_at = kDefaultManualStart; }))
                  .Build();
  const size_t kSends = kAdminReadChunk + 10;
  std::vector<std::string> wamids;
  for (size_t i = 0; i < kSends; ++i) {
    HttpRequest r;
    r.method = "POST";
    r.path = std::string("/v23.0/") + D::kPhoneNumberId + "/messages";
    r.headers.emplace("authorization", std::string("Bearer ") + D::kAccessToken);
    r.headers.emplace("content-type", "application/json");
    r.body = R"({"messaging_product":"whatsapp","to":")" + std::string(D::kCustomerWaId) +
             R"(","type":"text","text":{"body":"hi"}})";
    auto resp = inst->pipeline().Handle(r);
    ASSERT_EQ(resp.status, 200) << resp.body;
    wamids.push_back(Json::parse(resp.body)["messages"][0]["id"]);
    inst->sim().AdvanceBy(kMinute);  // stay under the pair rate limit
  }
  Json data = AdminGet(*inst, "/_sim/messages")["data"];
  ASSERT_EQ(data.size(), kSends);
  for (size_t i = 0; i < kSends; ++i) EXPECT_EQ(data[i]["id"], wamids[i]) << i;
  // A filter that matches nothing still reads every chunk and answers empty.
  EXPECT_TRUE(AdminGet(*inst, "/_sim/messages?to=19990000000")["data"].empty());
}

}  // namespace
}  // namespace wasim
