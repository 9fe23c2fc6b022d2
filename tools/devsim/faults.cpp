#include "faults.h"

#include <charconv>

namespace cfgc::devsim {

namespace {

struct KindName {
  std::string_view name;
  FaultKind kind;
  bool needs_arg;
};

constexpr KindName kKinds[] = {
    {"refuse", FaultKind::Refuse, false},       {"hang", FaultKind::Hang, false},
    {"http500", FaultKind::Http500, false},     {"auth", FaultKind::Auth, false},
    {"latency", FaultKind::Latency, true},      {"reject", FaultKind::Reject, true},
    {"apply-fail", FaultKind::ApplyFail, false}, {"die-after-commit", FaultKind::DieAfterCommit, false},
    {"random", FaultKind::Random, true},        {"unavailable", FaultKind::Unavailable, false},
    {"no-json-ietf", FaultKind::NoJsonIetf, false}, {"no-commit-confirm", FaultKind::NoCommitConfirm, false},
};

const KindName* find_kind(std::string_view name) {
  for (const auto& k : kKinds) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

// Whether `text` starts with a fault kind followed by '=' or the end.
bool starts_with_kind(std::string_view text) {
  auto eq = text.find('=');
  return find_kind(text.substr(0, eq)) != nullptr;
}

}  // namespace

std::optional<Fault> parse_fault(std::string_view text, std::string* error) {
  auto eq = text.find('=');
  std::string_view name = text.substr(0, eq);
  std::string_view arg = eq == std::string_view::npos ? std::string_view() : text.substr(eq + 1);
  const KindName* k = find_kind(name);
  if (!k) {
    *error = "unknown fault kind '" + std::string(name) +
             "' (known: refuse, hang, http500, auth, latency=MS, reject=REGEX, apply-fail, "
             "die-after-commit, random=P, unavailable, no-json-ietf, no-commit-confirm)";
    return std::nullopt;
  }
  if (k->needs_arg && eq == std::string_view::npos) {
    *error = "fault '" + std::string(name) + "' needs an argument (" + std::string(name) + "=...)";
    return std::nullopt;
  }
  if (!k->needs_arg && eq != std::string_view::npos) {
    *error = "fault '" + std::string(name) + "' takes no argument";
    return std::nullopt;
  }
  Fault f;
  f.kind = k->kind;
  f.spec = std::string(text);
  switch (k->kind) {
    case FaultKind::Latency: {
      auto [p, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), f.ms);
      if (ec != std::errc() || p != arg.data() + arg.size() || f.ms < 0) {
        *error = "latency=MS needs a non-negative number of milliseconds, got '" + std::string(arg) + "'";
        return std::nullopt;
      }
      break;
    }
    case FaultKind::Reject:
      f.pattern = std::string(arg);
      f.regex = std::make_shared<const RE2>(f.pattern, RE2::Quiet);
      if (!f.regex->ok()) {
        *error = "reject=REGEX: invalid regular expression '" + std::string(arg) + "': " + f.regex->error();
        return std::nullopt;
      }
      break;
    case FaultKind::Random: {
      std::string s(arg);
      char* end = nullptr;
      f.probability = std::strtod(s.c_str(), &end);
      if (s.empty() || *end != '\0' || f.probability < 0 || f.probability > 1) {
        *error = "random=P needs a probability between 0 and 1, got '" + s + "'";
        return std::nullopt;
      }
      break;
    }
    default:
      break;
  }
  return f;
}

std::optional<TargetedFault> parse_targeted_fault(std::string_view text, std::string* error) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    *error = "fault '" + std::string(text) + "' is not NAME:KIND[=ARG] (NAME may be *)";
    return std::nullopt;
  }
  auto f = parse_fault(text.substr(colon + 1), error);
  if (!f) return std::nullopt;
  return TargetedFault{std::string(text.substr(0, colon)), std::move(*f)};
}

std::optional<Fault> parse_device_fault(std::string_view text, std::string_view device,
                                        std::string* error) {
  if (starts_with_kind(text)) return parse_fault(text, error);
  auto t = parse_targeted_fault(text, error);
  if (!t) return std::nullopt;
  if (t->device != "*" && t->device != device) {
    *error = "fault '" + std::string(text) + "' names device '" + t->device + "', not '" +
             std::string(device) + "'";
    return std::nullopt;
  }
  return std::move(t->fault);
}

bool FaultSet::has(FaultKind kind) const {
  for (const auto& f : faults_) {
    if (f.kind == kind) return true;
  }
  return false;
}

std::optional<int> FaultSet::latency_ms() const {
  std::optional<int> ms;
  for (const auto& f : faults_) {
    if (f.kind == FaultKind::Latency) ms = f.ms;
  }
  return ms;
}

std::optional<std::string> FaultSet::rejecting_pattern(std::string_view text) const {
  for (const auto& f : faults_) {
    if (f.kind == FaultKind::Reject && f.regex &&
        RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *f.regex)) {
      return f.pattern;
    }
  }
  return std::nullopt;
}

double FaultSet::random_probability() const {
  double p = 0;
  for (const auto& f : faults_) {
    if (f.kind == FaultKind::Random) p = f.probability;
  }
  return p;
}

std::vector<std::string> FaultSet::specs() const {
  std::vector<std::string> out;
  for (const auto& f : faults_) out.push_back(f.spec);
  return out;
}

std::optional<std::string> FaultSet::roll_random(std::mt19937_64& rng) {
  double p = random_probability();
  if (p <= 0) return std::nullopt;
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  if (coin(rng) >= p) return std::nullopt;
  static constexpr std::string_view kChoices[] = {"http500", "auth", "latency=1000", "apply-fail"};
  std::uniform_int_distribution<size_t> pick(0, std::size(kChoices) - 1);
  std::string spec(kChoices[pick(rng)]);
  std::string error;
  if (auto f = parse_fault(spec, &error)) add(std::move(*f));
  return spec;
}

}  // namespace cfgc::devsim
