#include "deploy/file_tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/base/utf8.h"
#include "compiler/eval/label.h"
#include "compiler/export/export.h"

namespace cfgc::deploy {

using namespace cfgc::eval;
using exporter::write_json;
using exporter::write_yaml;

std::string check_output_path(std::string_view path) {
  if (path.empty()) return "the path is empty";
  if (path.front() == '/') return "the path must be relative to the output directory";
  if (path.find('\0') != std::string_view::npos) return "the path holds a NUL byte";
  if (path.find('\\') != std::string_view::npos) return "use '/' to separate directories";
  if (!utf8::valid(path)) return "the path is not UTF-8";
  size_t i = 0;
  while (i <= path.size()) {
    size_t slash = path.find('/', i);
    std::string_view seg =
        path.substr(i, slash == std::string_view::npos ? std::string_view::npos : slash - i);
    if (seg.empty()) return "the path has an empty segment";
    if (seg == "." || seg == "..") return "\".\" and \"..\" are not allowed in paths";
    if (seg.size() > 255) return "a path segment is longer than 255 bytes";
    if (slash == std::string_view::npos) break;
    i = slash + 1;
  }
  return "";
}

static Pos decl_pos(const Vertex* v) { return v->conjuncts.size ? v->conjuncts[0].pos : Pos{}; }

void collect_files(Evaluator& ev, Vertex* files, std::vector<OutputFile>& out, Diagnostics& diags) {
  ev.finalize(files);
  if (!files->is_struct()) {
    Diagnostic d;
    d.path = Evaluator::path_of(files);
    d.message =
        "the files to write must be a struct of paths to contents (\"leaf1/frr.conf\": \"...\")";
    d.pos = decl_pos(files);
    diags.add(std::move(d));
    return;
  }
  for (Vertex* f : ev.regular_fields(files)) {
    std::string path(label_name(f->label));
    auto fail = [&](std::string msg) {
      Diagnostic d;
      d.path = Evaluator::path_of(f);
      d.message = std::move(msg);
      d.pos = decl_pos(f);
      diags.add(std::move(d));
    };
    if (std::string bad = check_output_path(path); !bad.empty()) {
      fail(fmt::format("invalid output path: {}", bad));
      continue;
    }
    OutputFile file{path, {}, decl_pos(f)};
    const Value* x = ev.concrete_value(f);
    if (x->vk == VK::String) {
      file.content = x->str;
    } else if (x->vk == VK::Bytes) {
      file.content = x->str;
    } else {
      size_t dot = path.rfind('.');
      std::string ext = dot == std::string::npos || path.find('/', dot) != std::string::npos
                            ? ""
                            : path.substr(dot);
      if (ext == ".json") {
        write_json(ev, f, file.content);
      } else if (ext == ".yaml" || ext == ".yml") {
        write_yaml(ev, f, file.content);
      } else {
        fail(fmt::format(
            "{} is not text: only .json, .yaml and .yml files are encoded from data (give a string "
            "for other files, e.g. with text/template)",
            path));
        continue;
      }
      if (!file.content.empty() && file.content.back() != '\n') file.content += '\n';
    }
    out.push_back(std::move(file));
  }
}

}  // namespace cfgc::deploy
