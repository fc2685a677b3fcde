// The `business_app` key of a phone number in a scenario world: what the
// WhatsApp Business app of a Coexistence number holds (PhoneNumber::business_app).
//
//   business_app:
//     shares_history: true          # false: history sync answers 2593109
//     companions: 2                 # linked devices, unlinked at onboarding
//     contacts:
//       - {phone_number: "16505551234", full_name: Pablo Morales, first_name: Pablo}
//     threads:
//       - with: "16505551234"
//         messages:
//           - {age: 2h, from: business, text: "Here's the info"}
//           - {age: 20d, from: user, type: image, text: a caption, status: DELIVERED}
#pragma once
#include <yaml-cpp/yaml.h>

#include <optional>

#include "simulator/domain/world/model.h"
#include "simulator/scenario/yaml_reader.h"

namespace wasim::scenario {

// Reports problems on `r` and returns nullopt when the key is invalid.
std::optional<BusinessApp> ReadBusinessApp(YamlReader& r, const YAML::Node& node);

}  // namespace wasim::scenario
