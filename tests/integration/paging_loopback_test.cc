// Graph paging over real HTTP: `next` and `previous` are followed exactly as
// they come (a client's GET of the link), carrying the request's filters,
// fields, limit and access_token; a bad cursor is 131059 on v24.0+.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/support/test_support.h"

namespace wasim::testing {
namespace {

// "http://127.0.0.1:PORT/v24.0/..." -> "/v24.0/..." (the link must name this server).
std::string PathOf(LoopbackServer& server, const std::string& link) {
  std::string prefix = "http://127.0.0.1:" + std::to_string(server.port());
  EXPECT_EQ(link.rfind(prefix, 0), 0u) << link;
  return link.substr(prefix.size());
}

Json GetJson(LoopbackServer& server, const std::string& path_and_query) {
  auto r = server.client().Get(path_and_query.c_str());
  EXPECT_TRUE(r);
  EXPECT_EQ(r->status, 200) << path_and_query << " -> " << r->body;
  return ParseOrDie(r->body);
}

void CreateTemplates(LoopbackServer& server, int n) {
  for (int i = 0; i < n; ++i) {
    auto r = server.PostGraph(std::string(D::kWabaId) + "/message_templates",
                              R"({"name":"paged_)" + std::to_string(i) +
                                  R"(","language":"en_US","category":"UTILITY",
                                "components":[{"type":"BODY","text":"Parcel update."}]})");
    ASSERT_EQ(r->status, 200) << r->body;
  }
}

TEST(PagingLoopbackTest, NextAndPreviousRepeatTheRequestsQueryAndWalkEveryItemOnce) {
  LoopbackServer server;
  CreateTemplates(server, 4);  // + hello_world: 5
  const std::string first =
      "/v24.0/" + std::string(D::kWabaId) +
      "/message_templates?fields=name,status&limit=2&category=UTILITY&access_token=" + D::kAccessToken;
  Json page = GetJson(server, first);
  std::vector<std::string> seen;
  std::vector<std::string> links;
  for (int guard = 0; guard < 10; ++guard) {
    for (const auto& t : page["data"]) seen.push_back(t["id"]);
    EXPECT_LE(page["data"].size(), 2u);
    EXPECT_EQ(page["data"][0].size(), 3u) << "fields=name,status plus id";
    if (!page["paging"].contains("next")) break;
    std::string next = page["paging"]["next"];
    for (const char* part : {"fields=name%2Cstatus", "limit=2", "category=UTILITY", "access_token="})
      EXPECT_NE(next.find(part), std::string::npos) << part << " missing from " << next;
    links.push_back(next);
    page = GetJson(server, PathOf(server, next));
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 5u);
  EXPECT_EQ(links.size(), 2u);
  // The last page has no `next`; its `previous` leads back to the page before it.
  ASSERT_TRUE(page["paging"].contains("previous"));
  Json back = GetJson(server, PathOf(server, page["paging"]["previous"]));
  ASSERT_EQ(back["data"].size(), 2u);
  EXPECT_EQ(back["data"][0]["id"], seen[2]);
  EXPECT_EQ(back["data"][1]["id"], seen[3]);
  // The first page has no `previous`.
  EXPECT_FALSE(GetJson(server, first)["paging"].contains("previous"));
}

TEST(PagingLoopbackTest, ACorruptCursorIs131059FromV24AndStartsOverBefore) {
  LoopbackServer server;
  CreateTemplates(server, 2);
  const std::string edge = std::string(D::kWabaId) + "/message_templates?limit=1&after=bm90LWEtY3Vyc29y";
  auto v24 = server.client().Get(("/v24.0/" + edge + "&access_token=" + D::kAccessToken).c_str());
  ASSERT_TRUE(v24);
  EXPECT_EQ(v24->status, 400);
  EXPECT_GRAPH_ERROR(*v24, ErrorCode::kInvalidCursor);
  EXPECT_EQ(ParseOrDie(v24->body)["error"]["message"], "(#131059) Invalid cursor");
  // Assumption: before v24.0 the cursor is ignored and the list starts again.
  Json v23 = GetJson(server, "/v23.0/" + edge + "&access_token=" + D::kAccessToken);
  Json top = GetJson(server, "/v23.0/" + std::string(D::kWabaId) +
                                 "/message_templates?limit=1&access_token=" + D::kAccessToken);
  EXPECT_EQ(v23["data"], top["data"]);
}

TEST(PagingLoopbackTest, PhoneNumbersArePagedTheSameWay) {
  LoopbackServer server;
  ASSERT_EQ(server.client().Post("/_sim/bulk", R"({"phone_numbers":3})", "application/json")->status, 200);
  std::string path = "/v24.0/" + std::string(D::kWabaId) +
                     "/phone_numbers?limit=3&access_token=" + std::string(D::kAccessToken);
  Json page1 = GetJson(server, path);
  ASSERT_EQ(page1["data"].size(), 3u);
  ASSERT_TRUE(page1["paging"].contains("next"));
  Json page2 = GetJson(server, PathOf(server, page1["paging"]["next"]));
  ASSERT_EQ(page2["data"].size(), 1u);
  EXPECT_FALSE(page2["paging"].contains("next"));
  EXPECT_TRUE(page2["paging"].contains("previous"));
}

}  // namespace
}  // namespace wasim::testing
