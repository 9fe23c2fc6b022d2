#include "cmd/duration_flag.h"

#include <cctype>

namespace cfgc::cli {

long parse_duration_ms(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == 0 || i > 9) return -1;
  long n = std::stol(s.substr(0, i));
  std::string unit = s.substr(i);
  if (unit.empty() || unit == "s") return n * 1000;
  if (unit == "ms") return n;
  if (unit == "m") return n * 60000;
  if (unit == "h") return n * 3600000;
  return -1;
}

}  // namespace cfgc::cli
