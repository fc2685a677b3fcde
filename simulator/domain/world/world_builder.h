// WorldBuilder: a world (or edits to one) described step by step, then written
// into a SimState with every reference checked (a WABA's business, a number's
// WABA, a token's app and WABAs, a template's WABA, a relation's number and
// customer), so no world is ever half-linked.
//
// The default world, Simulator::Options, the test fixtures and the scenario
// loader's `world:` all build worlds through it; nothing else assembles one
// by writing store internals. Applying sets up a world: it records no facts
// and sends no webhooks (changes Meta makes to a live world go through the
// areas' services instead). Applying is all-or-nothing.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "simulator/domain/state.h"

namespace wasim {

class WorldBuilder {
 public:
  // Adds an object, or replaces the one with the same id. A number is listed
  // on its WABA; a WABA's own `phone_number_ids` must be empty (numbers list
  // themselves by being added, so the two can never disagree).
  WorldBuilder& Add(App app);
  WorldBuilder& Add(Business business);
  WorldBuilder& Add(Waba waba);
  WorldBuilder& Add(PhoneNumber phone);
  WorldBuilder& Add(AccessToken token);
  WorldBuilder& Add(Customer customer);
  WorldBuilder& Add(MessageTemplate tmpl);
  // The customer's relation to one business number (window, opt-outs, blocks).
  WorldBuilder& Relate(const std::string& phone_number_id, const std::string& wa_id,
                       CustomerRelation relation);

  // Changes an object the world has by then (added by an earlier step, or
  // present in the state this is applied to). An edit may not change ids or
  // what the object belongs to.
  WorldBuilder& EditApp(const std::string& id, std::function<void(App&)> edit);
  WorldBuilder& EditBusiness(const std::string& id, std::function<void(Business&)> edit);
  WorldBuilder& EditWaba(const std::string& id, std::function<void(Waba&)> edit);
  WorldBuilder& EditPhone(const std::string& id, std::function<void(PhoneNumber&)> edit);
  WorldBuilder& EditCustomer(const std::string& wa_id, std::function<void(Customer&)> edit);
  WorldBuilder& EditRelation(const std::string& phone_number_id, const std::string& wa_id,
                             std::function<void(CustomerRelation&)> edit);
  WorldBuilder& EditTemplate(const std::string& id, std::function<void(MessageTemplate&)> edit);
  // Latencies, review delays and rule settings of the simulated Meta side.
  WorldBuilder& EditConfig(std::function<void(SimConfig&)> edit);
  // Gives every access token the world has by then a new string: `t` becomes
  // `rename(t)` (what it may do is unchanged). A rename onto an existing
  // token, or onto an empty string, is a problem.
  WorldBuilder& RenameTokens(std::function<std::string(const std::string&)> rename);

  // Appends `more`'s steps after these.
  WorldBuilder& Then(const WorldBuilder& more);

  // Applies every step in order onto `state`'s world (accounts, customers,
  // templates, config; messages and media are left alone). On the first
  // problem nothing changes and it is returned, naming the object and what is
  // wrong ("phone_number 106540352242922: waba 1 does not exist").
  std::optional<std::string> ApplyTo(SimState& state) const;
  // The problem ApplyTo would report on an empty state, if any.
  std::optional<std::string> Check() const;

 private:
  struct World;  // the parts of SimState a step may touch
  using Step = std::function<std::optional<std::string>(World&)>;
  WorldBuilder& Push(Step step);
  std::vector<Step> steps_;
};

}  // namespace wasim
