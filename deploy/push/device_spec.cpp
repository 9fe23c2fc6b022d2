#include "deploy/push/device_spec.h"

#include <fmt/core.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>

namespace cfgc::push {

std::string_view transport_name(Transport t) {
  switch (t) {
    case Transport::Eapi: return "eapi";
    case Transport::Nvue: return "nvue";
    case Transport::Gnmi: return "gnmi";
  }
  return "?";
}

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Pending: return "pending";
    case Outcome::Unchanged: return "unchanged";
    case Outcome::Changed: return "changed";
    case Outcome::WouldChange: return "would change";
    case Outcome::Failed: return "failed";
    case Outcome::RolledBack: return "rolled back";
    case Outcome::Skipped: return "skipped";
  }
  return "?";
}

Result<std::string> device_url(Transport t, std::string_view address) {
  std::string a(address);
  if (t == Transport::Gnmi) {
    // gRPC addresses are host:port (port 57400 when none is given, as targets commonly use).
    if (a.find("://") != std::string::npos) {
      return Error{fmt::format("\"{}\": a gNMI address is host or host:port, without a scheme", a)};
    }
    if (a.empty()) return Error{"empty address"};
    if (a.find('@') != std::string::npos) {
      return Error{"the address carries credentials: give them with @tag fields, --credentials or the environment"};
    }
    bool has_port = a.front() == '[' ? a.find("]:") != std::string::npos : a.find(':') != std::string::npos;
    return has_port ? a : a + ":57400";
  }
  while (!a.empty() && a.back() == '/') a.pop_back();
  if (t == Transport::Eapi && a.ends_with("/command-api")) a.resize(a.size() - 12);
  while (!a.empty() && a.back() == '/') a.pop_back();
  if (a.empty()) {
    return Error{"empty address"};
  }
  size_t scheme = a.find("://");
  if (scheme == std::string::npos) {
    if (a.find('/') != std::string::npos) {
      return Error{fmt::format("\"{}\" is neither a host nor a URL", a)};
    }
    return t == Transport::Eapi ? "https://" + a : (a.find(':') == std::string::npos || a.front() == '['
                                                         ? "https://" + a + ":8765"
                                                         : "https://" + a);
  }
  std::string s = a.substr(0, scheme);
  if (s != "http" && s != "https") {
    return Error{fmt::format("unsupported scheme \"{}\" (want https, or http for a lab)", s)};
  }
  std::string rest = a.substr(scheme + 3);
  std::string host = rest.substr(0, rest.find('/'));
  if (host.find('@') != std::string::npos) {
    return Error{"the address carries credentials: give them with @tag fields, --credentials or the environment"};
  }
  if (t == Transport::Nvue && s == "https" && host.find(':') == std::string::npos) return a + ":8765";
  return a;
}

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& s : secrets) {
    if (s.size() < 3) continue;
    for (size_t at = text.find(s); at != std::string::npos; at = text.find(s, at + 8)) text.replace(at, s.size(), "********");
  }
  return text;
}

namespace {

struct Credential {
  std::string pattern, username, password;
};

bool read_credentials(const std::string& file, std::vector<Credential>& out, std::vector<std::string>& errors) {
  struct stat st;
  if (stat(file.c_str(), &st) != 0) {
    errors.push_back(fmt::format("{}: cannot read the credentials file", file));
    return false;
  }
  if (st.st_mode & 077) {
    errors.push_back(fmt::format("{}: the credentials file is readable by others (mode {:04o}); run chmod 600 {}", file,
                                 st.st_mode & 07777, file));
    return false;
  }
  try {
    YAML::Node root = YAML::LoadFile(file);
    if (!root.IsMap()) {
      errors.push_back(fmt::format("{}: want a mapping of device names or globs to {{username, password}}", file));
      return false;
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
      // Copies: the iterator's pairs are temporaries (a reference into one dangles).
      YAML::Node key = it->first;
      YAML::Node v = it->second;
      std::string pat = key.as<std::string>();
      Credential c{pat, {}, {}};
      bool user = false, pass = false;
      if (v.IsMap()) {
        for (auto f = v.begin(); f != v.end(); ++f) {
          YAML::Node fk = f->first;
          YAML::Node fv = f->second;
          std::string k = fk.as<std::string>();
          if (k == "username" && fv.IsScalar()) c.username = fv.as<std::string>(), user = true;
          if (k == "password" && fv.IsScalar()) c.password = fv.as<std::string>(), pass = true;
        }
      }
      if (!user || !pass) {
        errors.push_back(fmt::format("{}:{}: {}: want username and password", file, key.Mark().line + 1, pat));
        continue;
      }
      out.push_back(std::move(c));
    }
  } catch (const YAML::Exception& e) {
    // The message may quote the file's content: keep only the position.
    errors.push_back(fmt::format("{}:{}:{}: not a valid YAML credentials file", file, e.mark.line + 1, e.mark.column + 1));
    return false;
  }
  return true;
}

bool matches(const std::string& pattern, const std::string& name) {
  return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

}  // namespace

std::vector<DeviceSpec> read_devices(const nlohmann::json& push, const std::string& path, const SpecOptions& opts,
                                     std::vector<std::string>& errors) {
  std::vector<DeviceSpec> out;
  if (!push.is_object()) {
    errors.push_back(fmt::format("{}: want a struct of devices (name: {{transport, address, config}})", path));
    return out;
  }
  std::vector<Credential> creds;
  if (!opts.credentials_file.empty() && !read_credentials(opts.credentials_file, creds, errors)) return out;
  const char* env_user = std::getenv("CFGC_PUSH_USERNAME");
  const char* env_pass = std::getenv("CFGC_PUSH_PASSWORD");
  for (const auto& [name, target] : opts.targets) {
    if (!push.contains(name)) errors.push_back(fmt::format("--target {}: no device {} in {}", name, name, path));
  }

  for (auto it = push.begin(); it != push.end(); ++it) {
    const std::string& name = it.key();
    const nlohmann::json& d = it.value();
    std::string at = path + "." + name;
    if (!opts.limit.empty()) {
      bool in = false;
      for (const std::string& l : opts.limit) {
        in |= matches(l, name);
        if (auto g = d.find("groups"); g != d.end() && g->is_array()) {
          for (const auto& x : *g) in |= x.is_string() && matches(l, x.get<std::string>());
        }
      }
      if (!in) continue;
    }
    size_t before = errors.size();
    auto field = [&](const char* f) -> const nlohmann::json* {
      auto i = d.find(f);
      return i == d.end() ? nullptr : &*i;
    };
    DeviceSpec s;
    s.name = name;
    if (!d.is_object()) {
      errors.push_back(fmt::format("{}: want a struct (transport, address, config)", at));
      continue;
    }
    const nlohmann::json* tr = field("transport");
    if (!tr || !tr->is_string() || (*tr != "eapi" && *tr != "nvue" && *tr != "gnmi")) {
      errors.push_back(fmt::format("{}.transport: want \"eapi\", \"nvue\" or \"gnmi\"", at));
      continue;
    }
    s.transport = *tr == "eapi" ? Transport::Eapi : *tr == "nvue" ? Transport::Nvue : Transport::Gnmi;
    s.plaintext = opts.insecure;
    if (const nlohmann::json* in = field("insecure"); in && in->is_boolean() && *in) s.plaintext = true;
    std::string address;
    if (auto t = opts.targets.find(name); t != opts.targets.end()) {
      address = t->second;
    } else if (const nlohmann::json* a = field("address"); a && a->is_string()) {
      address = a->get<std::string>();
    } else {
      errors.push_back(fmt::format("{}.address: want the device's host name or URL (or --target {}=URL)", at, name));
    }
    if (!address.empty()) {
      Result<std::string> url = device_url(s.transport, address);
      if (url) {
        s.url = *url;
      } else {
        errors.push_back(fmt::format("{}.address: {}", at, url.error().message));
      }
    }
    if (const nlohmann::json* m = field("mode")) {
      if (*m == "replace") {
        s.mode = Mode::Replace;
      } else if (*m == "merge") {
        s.mode = Mode::Merge;
      } else {
        errors.push_back(fmt::format("{}.mode: want \"replace\" or \"merge\"", at));
      }
    }
    s.tls = opts.tls;
    if (const nlohmann::json* t = field("tls"); t && t->is_object()) {
      if (auto v = t->find("verify"); v != t->end() && v->is_boolean() && !opts.skip_verify_given) s.tls.verify = *v;
      if (auto c = t->find("ca"); c != t->end() && c->is_string()) s.tls.ca_file = *c;
    }
    if (const nlohmann::json* sv = field("save"); sv && sv->is_boolean()) s.save = *sv;
    const nlohmann::json* cfg = field("config");
    if (s.transport == Transport::Eapi) {
      if (!cfg || !cfg->is_string()) {
        errors.push_back(fmt::format("{}.config: want the EOS configuration as CLI text", at));
      } else {
        s.eos_config = *cfg;
      }
    } else if (s.transport == Transport::Gnmi) {
      if (!cfg || !cfg->is_object() || cfg->empty()) {
        errors.push_back(fmt::format("{}.config: want the configuration as an RFC 7951 (JSON_IETF) tree whose "
                                     "top-level members are module-qualified (\"ietf-interfaces:interfaces\": ...)",
                                     at));
      } else {
        for (auto it = cfg->begin(); it != cfg->end(); ++it) {
          if (it.key().find(':') == std::string::npos) {
            errors.push_back(fmt::format("{}.config.{}: a top-level member names its module (module:{})", at,
                                         it.key(), it.key()));
          }
        }
        s.json_ietf = *cfg;
      }
      if (const nlohmann::json* y = field("yang"); y && y->is_object()) {
        auto strings = [&](const char* k, std::vector<std::string>& out) {
          if (auto it = y->find(k); it != y->end() && it->is_array()) {
            for (const auto& x : *it) {
              if (x.is_string()) out.push_back(x);
            }
          }
        };
        strings("modules", s.yang_modules);
        strings("paths", s.yang_paths);
        strings("features", s.yang_features);
        if (s.yang_modules.empty()) errors.push_back(fmt::format("{}.yang.modules: name the YANG modules", at));
      }
    } else if (!cfg || !cfg->is_object()) {
      errors.push_back(fmt::format("{}.config: want the NVUE configuration tree (a struct, as `nv set` builds it)", at));
    } else {
      s.nvue_config = *cfg;
    }
    // Credentials: the source (@tag fields), then the credentials file, then the environment.
    const nlohmann::json* u = field("username");
    const nlohmann::json* p = field("password");
    if (u && u->is_string() && p && p->is_string()) {
      s.username = *u;
      s.password = *p;
    } else {
      const Credential* best = nullptr;
      for (const Credential& c : creds) {
        if (c.pattern == name) {
          best = &c;
          break;
        }
        if (!best && matches(c.pattern, name)) best = &c;
      }
      if (best) {
        s.username = best->username;
        s.password = best->password;
      } else if (env_user && env_pass) {
        s.username = env_user;
        s.password = env_pass;
      } else if (opts.need_credentials) {
        errors.push_back(fmt::format("{}: no credentials: set username and password with @tag fields, give "
                                     "--credentials FILE, or export CFGC_PUSH_USERNAME and CFGC_PUSH_PASSWORD",
                                     at));
      }
    }
    if (errors.size() == before) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace cfgc::push
