#include "flow/task_value.h"

#include "compiler/eval/label.h"
#include "compiler/eval/value.h"

namespace cfgc::flow {

namespace {

void read(eval::Evaluator& ev, eval::Vertex* v, const std::string& path, nlohmann::json& out,
          TaskValue& tv) {
  ev.evaluate(v);
  if (v->err && v->err->code != eval::Bottom::Incomplete) {
    tv.has_errors = true;
    return;
  }
  const eval::Value* x = ev.concrete_value(v);
  if (!x || (x->vk == eval::VK::Bottom && x->err->code != eval::Bottom::Incomplete)) {
    if (x && x->vk == eval::VK::Bottom) tv.has_errors = true;
    if (!x) tv.open.push_back(path);
    if (x && !tv.has_errors) tv.open.push_back(path);
    return;
  }
  switch (x->vk) {
    case eval::VK::Null: out = nullptr; return;
    case eval::VK::Bool: out = x->b; return;
    case eval::VK::Num:
      if (x->num.fits_int64()) {
        out = x->num.int_value();
      } else {
        out = nlohmann::json::parse(x->num.str(), nullptr, false);
      }
      return;
    case eval::VK::String:
    case eval::VK::Bytes: out = std::string(x->str); return;
    case eval::VK::Vertex: {
      eval::Vertex* s = x->vertex;
      if (s->is_list) {
        out = nlohmann::json::array();
        for (eval::Vertex* e : ev.list_elements(s)) {
          nlohmann::json item;
          read(ev, e, path + "." + std::to_string(out.size()), item, tv);
          out.push_back(std::move(item));
        }
        if (s->list_open) tv.open.push_back(path);  // [...string]: not known yet
        return;
      }
      out = nlohmann::json::object();
      for (eval::Vertex* a : ev.regular_fields(s)) {
        std::string name(eval::label_name(a->label));
        nlohmann::json item;
        size_t open_before = tv.open.size();
        read(ev, a, path.empty() ? name : path + "." + name, item, tv);
        if (tv.open.size() == open_before) out[name] = std::move(item);
      }
      return;
    }
    default:  // a type, a bound, a disjunction without default
      tv.open.push_back(path);
      tv.open_kinds[path] = eval::kind_of(x);
      return;
  }
}

}  // namespace

TaskValue read_task_value(eval::Evaluator& ev, eval::Vertex* task) {
  TaskValue tv;
  read(ev, task, "", tv.json, tv);
  return tv;
}

bool path_within(const std::string& path, const std::string& field) {
  return path == field ||
         (path.size() > field.size() && path.starts_with(field) && path[field.size()] == '.');
}

}  // namespace cfgc::flow
