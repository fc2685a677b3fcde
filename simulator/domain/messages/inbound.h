// Inbound messages: a customer writes to a business number (POST /_sim/inbound).
// Validates the request, stores inbound media, records the message, refreshes
// the 24 h customer service window (and the click-to-WhatsApp entry point on a
// referral) and records an InboundReceived fact. Nothing changes on error. No HTTP types.
#pragma once
#include <string>

#include "simulator/core/json.h"
#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::messages {

// Meta: users may edit a message within 15 minutes and delete it for everyone
// (revoke) within 2 days. (Inbound media: media::StoreInbound keeps it 7 days.)
constexpr DurationMs kInboundEditWindow = 15 * kMinute;
constexpr DurationMs kInboundRevokeWindow = 2 * kDay;

struct InboundResult {
  std::string wamid;
  std::string media_id;  // set for image/audio/video/document/sticker
};

// body: {"from","phone_number_id","type","<type>":{...},"context"?,"referral"?,"profile_name"?}.
// Errors: 400 (InvalidParameter/RequiredParameterMissing with a clear details
// text); 404 when phone_number_id names no number. `data`: the media's bytes
// from PrepareInboundData(body), decoded and hashed before the lock (null:
// done here); referenced by the new media id only when the message is stored.
Result<InboundResult> ReceiveInbound(Ctx& ctx, const Json& body, const PreparedBlob* data = nullptr);

}  // namespace wasim::messages
