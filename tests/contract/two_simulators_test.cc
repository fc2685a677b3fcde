// Two simulators in one process: separate ports, clocks, worlds and journals;
// with the same seed, the same calls give the same ids.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "wasim/testing.h"

namespace {

using ::testing::SizeIs;
using wasim::EmbeddedSimulator;
using wasim::testing::WebhookReceiver;

TEST(TwoSimulators, AreIndependentAndDeterministic) {
  WebhookReceiver ra(EmbeddedSimulator::DefaultAppSecret()), rb(EmbeddedSimulator::DefaultAppSecret());
  EmbeddedSimulator::Options oa, ob;
  oa.webhook_url = ra.url();
  ob.webhook_url = rb.url();
  std::string error;
  auto a = EmbeddedSimulator::Start(oa, &error);
  ASSERT_TRUE(a) << error;
  auto b = EmbeddedSimulator::Start(ob, &error);
  ASSERT_TRUE(b) << error;
  EXPECT_NE(a->port(), b->port());

  const std::string send = R"({"messaging_product":"whatsapp","to":"16505551234","type":"template",)"
                           R"("template":{"name":"hello_world","language":{"code":"en_US"}}})";
  wasim::Reply sa = a->Graph("POST", a->phone_number_id() + "/messages", send);
  ASSERT_EQ(sa.status, 200) << sa.body;
  EXPECT_THAT(a->Messages(), SizeIs(1));
  EXPECT_THAT(b->Messages(), SizeIs(0));

  a->AdvanceBy("1d");
  EXPECT_EQ(a->NowMs() - b->NowMs(), 24 * 3600 * 1000);
  EXPECT_GT(ra.DeliveryCount(), 0u);
  EXPECT_EQ(rb.DeliveryCount(), 0u);

  wasim::Reply sb = b->Graph("POST", b->phone_number_id() + "/messages", send);
  EXPECT_EQ(sa.body, sb.body);  // same seed: the same wamid
  b->AdvanceBy("1d");
  ASSERT_EQ(ra.DeliveryCount(), rb.DeliveryCount());
  for (size_t i = 0; i < ra.DeliveryCount(); ++i) EXPECT_EQ(ra.Deliveries()[i].body, rb.Deliveries()[i].body);
}

}  // namespace
