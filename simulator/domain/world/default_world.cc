#include "simulator/domain/world/default_world.h"

namespace wasim {

WorldBuilder DefaultWorld() {
  using D = DefaultIds;
  WorldBuilder w;
  App app;
  app.id = D::kAppId;
  app.name = "wasim dev app";
  app.secret = D::kAppSecret;
  w.Add(app);

  Business biz;
  biz.id = D::kBusinessId;
  biz.name = "wasim Test Business";
  w.Add(biz);

  Waba waba;
  waba.id = D::kWabaId;
  waba.name = "wasim Test WABA";
  waba.business_id = D::kBusinessId;
  waba.message_template_namespace = "c8ae5f90_307a_ca4c_b8f6_d1e2a2573574";
  waba.subscribed_app_ids = {D::kAppId};
  w.Add(waba);

  PhoneNumber phone;
  phone.id = D::kPhoneNumberId;
  phone.waba_id = D::kWabaId;
  phone.display_phone_number = D::kDisplayPhoneNumber;
  phone.verified_name = "wasim Test Business";
  // Meta's example profile (business-profiles.mdx); no picture until a
  // profile_picture_handle is posted (assumption).
  phone.business_profile.about = "Succulent specialists!";
  phone.business_profile.address = "1 Hacker Way, Menlo Park, CA 94025";
  phone.business_profile.description =
      "At Lucky Shrub, we specialize in providing a diverse range of high-quality succulents to suit your "
      "needs. From rare and exotic varieties to timeless classics, our collection has something for "
      "everyone.";
  phone.business_profile.email = "lucky@luckyshrub.com";
  phone.business_profile.websites = {"https://www.luckyshrub.com/"};
  phone.business_profile.vertical = "RETAIL";
  w.Add(phone);

  AccessToken token;
  token.token = D::kAccessToken;
  token.app_id = D::kAppId;
  token.waba_ids = {D::kWabaId};
  w.Add(token);

  Customer customer;
  customer.wa_id = D::kCustomerWaId;
  customer.profile_name = "Sheena Nelson";
  w.Add(customer);

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
  w.Add(hello);
  return w;
}

}  // namespace wasim
