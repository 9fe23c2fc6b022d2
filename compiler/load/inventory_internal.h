#pragma once
// Inside the Ansible inventory reader (inventory.h): the model that the inventory sources fill
// (hosts, groups, their variables as syntax trees), and the pieces the INI and YAML sources
// share. Not for use outside compiler/load/inventory*.cpp.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/syntax/ast.h"

namespace cfgc::load::inventory_detail {

// A variable assignment: the Field carries the name, the value and their positions.
struct Var {
  std::string name;
  syntax::Field* field = nullptr;
};

struct Group {
  std::string name;
  std::vector<int> children;  // child groups, in the order added
  std::vector<int> parents;
  std::vector<int> hosts;      // hosts placed in this group directly (see Host::groups)
  std::vector<Var> vars;       // written in the inventory sources, in the order read
  std::vector<Var> file_vars;  // from group_vars/NAME…, in file order
  int priority = 1;            // ansible_group_priority, as written in the inventory sources
  int depth = 0;               // the longest path from `all` (set by finish())
};

struct Host {
  std::string name;
  std::vector<int> groups;     // the groups it was placed in directly
  std::vector<Var> vars;       // written in the inventory sources (host lines, hosts: entries)
  std::vector<Var> file_vars;  // from host_vars/NAME…
};

// An error that makes an inventory source unreadable (Ansible's AnsibleParserError).
struct SourceError {
  Pos pos;
  std::string message;
};

// Hosts and groups as Ansible's InventoryData holds them. Copyable, so that a source that
// fails half-way can be rolled back.
class Model {
 public:
  Model();  // `all` and its child `ungrouped`

  std::vector<Group> groups;
  std::vector<Host> hosts;

  int find_group(std::string_view name) const;
  int find_host(std::string_view name) const;
  int add_group(const std::string& name);
  // Adds the host if new (with `ansible_port` when a port is given: only a new host gets it,
  // as in Ansible), and places it in `group` (-1: none).
  int add_host(const std::string& name, int group, syntax::Field* port);
  // Ansible's InventoryData.set_variable: the entity is looked up among groups first, then
  // hosts. `ansible_group_priority` on a group sets its priority and is not kept as a variable.
  // " (did you mean NAME?)" for a misspelt group or host name, or "".
  std::string suggest_entity(const std::string& name) const;
  void set_var(const std::string& entity, Var v, Pos at);
  // A group or a host as child of a group.
  void add_child(int parent, const std::string& child, Pos at);
  void add_child_group(int parent, int child, Pos at);

  // After every source: top-level groups go under `all`, hosts in no group to `ungrouped`,
  // hosts in another group leave `ungrouped`, depths are computed.
  void finish();

  // The groups a host belongs to (directly or through child groups), `all` included.
  std::vector<int> groups_of(int host) const;

 private:
  bool is_ancestor(int maybe_ancestor, int group) const;
  void place(int host, int group);
  void unplace(int host, int group);
  std::unordered_map<std::string, int> group_index_, host_index_;
};

// Expands an Ansible host pattern: an optional port (`host:2222`, `[::1]:2222`) and ranges
// (`leaf[01:04]`, `[a:c]`, `[1:10:2]`, several in one name). `offsets` holds the source offset
// (in src) of every byte of `pattern`, for the position of the port.
struct ExpandedHosts {
  std::vector<std::string> names;
  std::string port;  // decimal digits, or empty
  Pos port_pos;
};
ExpandedHosts expand_host_pattern(std::string_view pattern, const std::vector<uint32_t>& offsets,
                                  const SourceFile& src, bool ini);

// The `ansible_port` variable for a host pattern's port.
syntax::Field* port_field(Arena& arena, const ExpandedHosts& h);

// A Field `name: value` at the given positions.
syntax::Field* make_field(Arena& arena, std::string_view name, Pos name_pos, syntax::Expr* value);

// Reads an INI inventory source into the model (Ansible's ini plugin). Throws SourceError.
void parse_ini_inventory(Model& model, const SourceFile& src, Arena& arena, Diagnostics& diags);

// Python's ast.literal_eval of a value (as Ansible's INI reader types values): a syntax tree,
// or null when the text is not a Python literal (it is then a string). `offsets` holds the
// source offset of every byte of `text`; `src` is the file.
syntax::Expr* python_literal(std::string_view text, const std::vector<uint32_t>& offsets,
                             const SourceFile& src, Arena& arena, Diagnostics& diags);

}  // namespace cfgc::load::inventory_detail
