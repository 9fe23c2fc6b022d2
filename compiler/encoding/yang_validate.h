#pragma once
// The last gate for data typed by a package from `cfgc import yang`: the value is rendered as
// JSON_IETF (RFC 7951) and libyang validates it against the same modules, for
// `cfgc vet --yang`. CUE checks the types; libyang adds what CUE does not (when, must, unique,
// leafref instances, patterns CUE could not take, mandatory nodes of non-presence containers).
//
// Rendering, from the value's plain JSON (as `cfgc export` writes it), walking the schema:
//   - a keyed list, a struct keyed by key in CUE, becomes an array of its entries, in the order
//     they are written (the labels are dropped: each entry holds its keys);
//   - int64, uint64 and decimal64 values become strings, an `empty` leaf's `true` becomes
//     [null], as RFC 7951 says;
//   - member names are kept: the generated CUE already writes `module:name` where JSON_IETF
//     does.
// libyang's errors are translated from its data paths to the value's paths
// ("/ietf-interfaces:interfaces/interface[name='eth0']/type" →
// `"ietf-interfaces:interfaces".interface.eth0.type`).

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/result.h"

namespace cfgc::encoding {

struct YangValidateOptions {
  std::vector<std::string> search_dirs;  // -p DIR
  std::vector<std::string> modules;      // module names or files
  std::vector<std::string> features;     // MOD:F,...
};

struct YangDataError {
  std::string path;     // in the value, as CUE labels joined by '.' ("" for the whole value)
  std::string message;  // libyang's message
  std::string data_path;  // libyang's data path, or ""
};

struct YangValidation {
  std::string json_ietf;  // the rendered document
  std::vector<YangDataError> errors;
};

// Renders `json` (one JSON value) as JSON_IETF and validates it with libyang (strict: unknown
// members are errors; configuration only). Errors in the modules themselves (missing,
// syntax) are an Error with one "file:line: message" line per problem.
Result<YangValidation> yang_validate(std::string_view json, const YangValidateOptions& opts);

// A libyang data path as the value's label path: /a:b/c[k='v']/d → "a:b".c.v.d.
std::string yang_data_path_to_labels(std::string_view data_path);

}  // namespace cfgc::encoding
