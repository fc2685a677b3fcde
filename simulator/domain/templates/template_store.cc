#include "simulator/domain/templates/template_store.h"

#include <string_view>

namespace wasim {
namespace {

// Index keys compared without copying the strings looked up.
using TemplateKeyView = std::tuple<std::string_view, std::string_view, std::string_view>;

}  // namespace

TemplateStore::TemplateStore(const TemplateStore& other)
    : deleted_approved_names(other.deleted_approved_names) {
  for (const auto& [id, t] : other.by_id_) Put(t);
}

TemplateStore& TemplateStore::operator=(const TemplateStore& other) {
  if (this != &other) *this = TemplateStore(other);
  return *this;
}

const MessageTemplate* TemplateStore::Get(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

MessageTemplate* TemplateStore::Mutable(const std::string& id) {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

MessageTemplate* TemplateStore::Put(MessageTemplate t) {
  Key key = KeyOf(t);
  if (auto taken = by_key_.find(key); taken != by_key_.end() && taken->second->id != t.id) return nullptr;
  auto it = by_id_.find(t.id);
  if (it != by_id_.end()) {
    by_key_.erase(KeyOf(it->second));
    --count_by_waba_[it->second.waba_id];
    it->second = std::move(t);
  } else {
    std::string id = t.id;
    it = by_id_.emplace(std::move(id), std::move(t)).first;
  }
  by_key_[std::move(key)] = &it->second;
  ++count_by_waba_[it->second.waba_id];
  return &it->second;
}

bool TemplateStore::Erase(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return false;
  by_key_.erase(KeyOf(it->second));
  if (auto c = count_by_waba_.find(it->second.waba_id); c != count_by_waba_.end() && --c->second == 0)
    count_by_waba_.erase(c);
  by_id_.erase(it);
  return true;
}

const MessageTemplate* TemplateStore::Find(const std::string& waba_id, const std::string& name,
                                           const std::string& language) const {
  auto it = by_key_.find(TemplateKeyView{waba_id, name, language});
  return it == by_key_.end() ? nullptr : it->second;
}

bool TemplateStore::HasName(const std::string& waba_id, const std::string& name) const {
  // The first key not below (waba, name, "") has that name when any does.
  auto it = by_key_.lower_bound(TemplateKeyView{waba_id, name, std::string_view()});
  return it != by_key_.end() && std::get<0>(it->first) == waba_id && std::get<1>(it->first) == name;
}

std::vector<const MessageTemplate*> TemplateStore::Named(const std::string& waba_id,
                                                         const std::string& name) const {
  std::vector<const MessageTemplate*> out;
  for (auto it = by_key_.lower_bound(TemplateKeyView{waba_id, name, std::string_view()});
       it != by_key_.end() && std::get<0>(it->first) == waba_id && std::get<1>(it->first) == name; ++it)
    out.push_back(it->second);
  return out;
}

std::vector<const MessageTemplate*> TemplateStore::OfWaba(const std::string& waba_id) const {
  std::vector<const MessageTemplate*> out;
  for (auto it = by_key_.lower_bound(TemplateKeyView{waba_id, std::string_view(), std::string_view()});
       it != by_key_.end() && std::get<0>(it->first) == waba_id; ++it)
    out.push_back(it->second);
  return out;
}

size_t TemplateStore::CountOfWaba(const std::string& waba_id) const {
  auto it = count_by_waba_.find(waba_id);
  return it == count_by_waba_.end() ? 0 : it->second;
}

}  // namespace wasim
