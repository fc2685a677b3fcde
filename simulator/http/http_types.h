// Transport-neutral request/response used by the pipeline and handlers, so
// handler tests run without a socket. server.cc adapts cpp-httplib to these.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace wasim {

struct MultipartPart {
  std::string name;
  std::string filename;
  std::string content_type;
  std::string content;
};

struct HttpRequest {
  std::string method;  // GET, POST, ...
  std::string path;    // without query string
  std::multimap<std::string, std::string> query;
  std::multimap<std::string, std::string> headers;  // keys lowercased
  std::string body;
  std::vector<MultipartPart> parts;  // multipart/form-data, already split

  std::string Header(const std::string& lower_name) const;
  std::string Query(const std::string& name) const;
  bool HasQuery(const std::string& name) const { return query.count(name) > 0; }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=UTF-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Transport directives of a fired fault rule (domain/faults), applied by
  // HttpServer; in-process callers just see them. Real milliseconds to hold
  // the answer back, and whether to close the connection instead of answering.
  int delay_ms = 0;
  bool drop_connection = false;
  // The Graph error code of a refused Graph call (0 otherwise), for the console log.
  int error_code = 0;
};

// Splits "a=1&b=%2F" into decoded pairs ('+' as space). Invalid escapes kept verbatim.
std::multimap<std::string, std::string> ParseQueryString(const std::string& qs);
std::string UrlDecode(const std::string& s, bool plus_as_space);

}  // namespace wasim
