#pragma once
// What a simulated device answers to one HTTP request, independent of the HTTP server.

#include <nlohmann/json.hpp>
#include <string>

namespace cfgc::devsim {

struct HttpReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";

  static HttpReply json(int status, const nlohmann::json& body) { return {status, body.dump(), "application/json"}; }
  // An error body as NVUE's API writes it: {"status", "title", "detail"}.
  static HttpReply problem(int status, const std::string& detail);
};

// The HTTP reason phrase for the statuses the simulator uses.
const char* http_title(int status);

}  // namespace cfgc::devsim
