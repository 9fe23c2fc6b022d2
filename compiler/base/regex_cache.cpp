#include "compiler/base/regex_cache.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace cfgc {

namespace {

// Go's wording for RE2's parse errors.
std::string go_error_text(const RE2& re) {
  switch (re.error_code()) {
    case RE2::ErrorBadEscape: return "invalid escape sequence";
    case RE2::ErrorBadCharClass: return "invalid character class";
    case RE2::ErrorBadCharRange: return "invalid character class range";
    case RE2::ErrorMissingBracket: return "missing closing ]";
    case RE2::ErrorMissingParen: return "missing closing )";
    case RE2::ErrorUnexpectedParen: return "unexpected )";
    case RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize: return "invalid repeat count";
    case RE2::ErrorRepeatOp: return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8: return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture: return "invalid named capture";
    case RE2::ErrorPatternTooLarge: return "expression too large";
    default: return re.error();
  }
}

struct Hash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

Result<const RE2*> compiled_regex(std::string_view pattern) {
  static std::shared_mutex mu;
  static std::unordered_map<std::string, std::unique_ptr<RE2>, Hash, std::equal_to<>> cache;
  const RE2* re = nullptr;
  {
    std::shared_lock lock(mu);
    if (auto it = cache.find(pattern); it != cache.end()) re = it->second.get();
  }
  if (!re) {
    RE2::Options opts;
    opts.set_log_errors(false);
    auto fresh = std::make_unique<RE2>(re2::StringPiece(pattern.data(), pattern.size()), opts);
    std::unique_lock lock(mu);
    re = cache.try_emplace(std::string(pattern), std::move(fresh)).first->second.get();
  }
  if (re->ok()) return re;
  return Error{fmt::format("error parsing regexp: {}: `{}`", go_error_text(*re), re->error_arg())};
}

}  // namespace cfgc
