#pragma once
// Tags: values injected from the command line (`-t name=value`) into fields marked
// `@tag(name)`, the hermetic way to feed environment-specific values and secrets into CUE:
//
//   password: *"admin" | string @tag(arista_pwd)        cfgc export -t arista_pwd=$PWD_ENV
//   mtu:      int @tag(mtu,type=int)                     cfgc export -t mtu=9000
//   env:      string @tag(env,short=prod|staging)        cfgc export -t prod
//
// The injected value is unified with the field's value, keeping its default and constraints.
// Injected values are marked secret: error messages show "(value of tag NAME)" instead.

#include <string>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/syntax/ast.h"

namespace cfgc::load {

// Applies `assignments` ("name=value" or a short name) to the @tag fields of `files`.
// Reports malformed assignments, unknown tag names and values of the wrong type; returns
// false if any.
// `file_tags` are names used by @if(name) file attributes: setting one is not an error.
bool inject_tags(Arena& arena, std::span<syntax::File* const> files, const std::vector<std::string>& assignments,
                 Diagnostics& diags, const std::vector<std::string>& file_tags = {});

}  // namespace cfgc::load
