#include "http_reply.h"

namespace cfgc::devsim {

const char* http_title(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 415: return "Unsupported Media Type";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

HttpReply HttpReply::problem(int status, const std::string& detail) {
  return json(status, {{"status", status}, {"title", http_title(status)}, {"detail", detail}, {"type", "about:blank"}});
}

}  // namespace cfgc::devsim
