#include "simulator/domain/world/default_world.h"

namespace wasim {

void BuildDefaultWorld(SimState& s) {
  using D = DefaultIds;
  App app;
  app.id = D::kAppId;
  app.name = "wasim dev app";
  app.secret = D::kAppSecret;
  s.accounts.apps[app.id] = app;

  Business biz;
  biz.id = D::kBusinessId;
  biz.name = "wasim Test Business";
  s.accounts.businesses[biz.id] = biz;

  Waba waba;
  waba.id = D::kWabaId;
  waba.name = "wasim Test WABA";
  waba.business_id = D::kBusinessId;
  waba.message_template_namespace = "c8ae5f90_307a_ca4c_b8f6_d1e2a2573574";
  waba.phone_number_ids = {D::kPhoneNumberId};
  waba.subscribed_app_ids = {D::kAppId};
  s.accounts.wabas[waba.id] = waba;

  PhoneNumber phone;
  phone.id = D::kPhoneNumberId;
  phone.waba_id = D::kWabaId;
  phone.display_phone_number = D::kDisplayPhoneNumber;
  phone.verified_name = "wasim Test Business";
  s.accounts.phone_numbers[phone.id] = phone;

  AccessToken token;
  token.token = D::kAccessToken;
  token.app_id = D::kAppId;
  token.waba_ids = {D::kWabaId};
  s.accounts.tokens[token.token] = token;

  Customer& c = s.customers.Ensure(D::kCustomerWaId);
  c.profile_name = "Sheena Nelson";

  // Meta's stock sample template, pre-approved on every new WABA.
  MessageTemplate hello;
  hello.id = D::kHelloWorldTemplateId;
  hello.waba_id = D::kWabaId;
  hello.name = "hello_world";
  hello.language = "en_US";
  hello.category = "UTILITY";
  hello.status.state = TemplateStatus::kApproved;
  hello.quality_score = "UNKNOWN";
  hello.components = Json::parse(R"([
    {"type":"HEADER","format":"TEXT","text":"Hello World"},
    {"type":"BODY","text":"Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us."},
    {"type":"FOOTER","text":"WhatsApp Business Platform sample message"}
  ])");
  s.templates.by_id[hello.id] = hello;
}

}  // namespace wasim
