// `cfgc eval --origin`: every value with the places that contributed to it, to answer "which
// file set this MTU?" in a package or an Ansible inventory.
#include <algorithm>

#include "compiler/export/export.h"

namespace cfgc::exporter {

using namespace cfgc::eval;

namespace {

void origins(Evaluator& ev, Vertex* v, const FileSet& files, Sink& out, int depth) {
  ev.finalize(v);
  const Value* x = ev.concrete_value(v);
  bool leaf = x->vk != VK::Vertex;
  if (!leaf) {
    auto fields = ev.regular_fields(x->vertex);
    if (!fields.empty() && depth < 1000) {
      for (Vertex* f : fields) origins(ev, f, files, out, depth + 1);
      return;
    }
  }
  std::string path = Evaluator::path_of(v);
  out += path.empty() ? "(top)" : path;
  out += ": ";
  out += leaf ? ev.value_str(x) : (x->vertex->is_list ? "[]" : "{}");
  out += '\n';
  // The declarations that contributed, in the order they were unified, then where the value
  // itself was written when that is elsewhere (a value reached through a reference).
  std::vector<Pos> seen;
  auto add = [&](Pos p) {
    if (!p.valid()) return;
    Location l = files.resolve(p);
    for (Pos q : seen) {
      Location m = files.resolve(q);
      if (m.file == l.file && m.line == l.line) return;  // one line is enough
    }
    seen.push_back(p);
  };
  for (const Conjunct& c : v->conjuncts) add(c.pos);
  add(x->pos);
  for (Pos p : seen) {
    Location l = files.resolve(p);
    if (l.valid()) out += "    " + l.str() + "\n";
  }
  out.maybe_flush();
}

}  // namespace

void write_origins(Evaluator& ev, Vertex* v, const FileSet& files, Sink& out) {
  origins(ev, v, files, out, 0);
}

}  // namespace cfgc::exporter
