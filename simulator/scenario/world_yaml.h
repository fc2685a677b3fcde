// The `world:` section of a scenario (and included world files) as
// WorldBuilder steps. An entry whose id the world already has (the default
// world's, or an earlier entry's) edits that object with the fields given; a
// new id adds one with Meta's defaults for the rest. Every entry is applied
// to a scratch world as it is read, so a reference to a missing object is
// reported at the entry that makes it.
#pragma once
#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

#include "simulator/domain/state.h"
#include "simulator/scenario/scenario.h"
#include "simulator/scenario/yaml_reader.h"

namespace wasim::scenario {

class WorldReader {
 public:
  // `base_default`: start from the default world (else an empty one).
  explicit WorldReader(bool base_default);
  // Reads one world mapping (the scenario's `world`, or an included file) into `out`.
  void Read(YamlReader& r, const YAML::Node& world, Scenario& out);

  static const std::set<std::string>& Keys();

 private:
  void Apply(YamlReader& r, const YAML::Node& at, const WorldBuilder& step, Scenario& out);
  bool FirstTime(YamlReader& r, const YAML::Node& entry, const std::string& kind, const std::string& id);
  void ReadApps(YamlReader& r, const YAML::Node& list, Scenario& out);
  void ReadBusinesses(YamlReader& r, const YAML::Node& list, Scenario& out);
  void ReadWabas(YamlReader& r, const YAML::Node& list, Scenario& out);
  void ReadPhones(YamlReader& r, const YAML::Node& list, Scenario& out);
  void ReadCustomers(YamlReader& r, const YAML::Node& list, Scenario& out);
  void ReadTemplates(YamlReader& r, const YAML::Node& list, Scenario& out);
  void ReadTokens(YamlReader& r, const YAML::Node& list, Scenario& out);
  void ReadRules(YamlReader& r, const YAML::Node& rules, Scenario& out);
  void ReadReceiver(YamlReader& r, const YAML::Node& receiver, Scenario& out);

  SimState scratch_;
  std::map<std::string, SourcePos> seen_;  // "kind id" -> first entry (duplicates)
};

}  // namespace wasim::scenario
