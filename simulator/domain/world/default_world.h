// The default world `make run` starts with: one app, business, WABA, a
// registered Cloud API number, one customer and Meta's stock `hello_world`
// template. Ids are fixed so the printed values are the same on every run.
#pragma once
#include "simulator/domain/world/world_builder.h"

namespace wasim {

struct DefaultIds {
  static constexpr const char* kAppId = "843718470542719";
  static constexpr const char* kAppSecret = "3c5a1e0b9f2d4c6e8a7b1d0f2e4c6a8b";
  static constexpr const char* kBusinessId = "506914307656634";
  static constexpr const char* kWabaId = "102290129340398";
  static constexpr const char* kPhoneNumberId = "106540352242922";
  static constexpr const char* kDisplayPhoneNumber = "15550783881";
  static constexpr const char* kAccessToken = "EAAwasimLocalDevelopmentToken";
  static constexpr const char* kCustomerWaId = "16505551234";
  static constexpr const char* kHelloWorldTemplateId = "1192339204654487";
};

// The default world as builder steps (tests and scenarios add to or edit it).
WorldBuilder DefaultWorld();

}  // namespace wasim
