// Template quality and pacing, decided on Meta's side (driven through the
// admin API): a quality change publishes Meta's message_template_quality_update.
#pragma once
#include <optional>
#include <string>

#include "simulator/core/result.h"
#include "simulator/domain/simulator.h"

namespace wasim::templates {

// score: GREEN | YELLOW | RED | UNKNOWN (Meta's values). Publishes
// message_template_quality_update {previous_quality_score, new_quality_score,
// message_template_id (number), message_template_name, message_template_language}
// when the score changes. Invalid score -> error, nothing changes.
Status SetQuality(Ctx& ctx, const std::string& template_id, const std::string& score);

// Marks a template as paced (Meta's template pacing) or not.
Status SetPaced(Ctx& ctx, const std::string& template_id, bool paced);

}  // namespace wasim::templates
