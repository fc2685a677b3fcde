// A /messages request body of `type` with its type object, to the default customer.
#pragma once
#include <string>

#include "simulator/core/json.h"

namespace wasim::messages {

inline Json Body(const std::string& type, Json payload) {
  Json b;
  b["messaging_product"] = "whatsapp";
  b["to"] = "16505551234";
  b["type"] = type;
  b[type] = std::move(payload);
  return b;
}

}  // namespace wasim::messages
