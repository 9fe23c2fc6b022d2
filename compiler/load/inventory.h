#pragma once
// Ansible inventories as CUE values: reads an inventory the way Ansible (ansible-core 2.14)
// does and gives, for each host, its effective variables as a CUE syntax tree whose every
// node carries the file and line that supplied the value, so that checks name the host, the
// path and the place to fix.
//
// How the CLI will use it (not wired yet):
//
//   cfgc eval --inventory DIR --host NAME
//       Inventory inv = *load_inventory(dir, build.files(), build.arena(), build.diagnostics());
//       syntax::File* vars = inv.host_vars(name, build.arena(), build.diagnostics());
//       then compile and print `vars` like any data file (build.compile_data(vars)).
//   cfgc vet --inventory DIR -d '#HostVars' schema.cue
//       for (const std::string& h : inv.hosts())
//         unify build.compile_data(inv.host_vars(h, …)) with #HostVars in a build.new_root(),
//         reporting errors as  host leaf01: mtu: invalid value 90000 (out of bound <=9216):
//                                  ./inv/group_vars/leaf.yml:3:6
//
// What is read, as Ansible reads `-i DIR` (checked against ansible-inventory):
//   - Inventory sources: every file of DIR in name order (subdirectories too), except hidden
//     ones, group_vars/, host_vars/, vars_plugins/ and names ending in .ini .cfg .retry .orig
//     .md .txt .rst .bak .swp .pyc .pyo .rpm or ~. A file with no extension or .yml .yaml
//     .json is read as a YAML inventory (all:/children:/hosts:/vars:) if it is a mapping;
//     otherwise, and for any other extension, as an INI inventory (inventory_ini.cpp). A file
//     that is neither is skipped with a warning, as Ansible skips it. DIR may also be one file.
//   - Variables files beside the sources: DIR/group_vars/NAME and DIR/host_vars/NAME, where
//     the first of NAME (a file, or a directory whose files are read in name order, its
//     subdirectories too), NAME.yml, NAME.yaml, NAME.json that exists is read, and only that.
//   - Files are read as JSON if they are JSON, else as YAML 1.1 (yaml11.h: yes/on are
//     booleans, 0755 is 493, 22:30 is 1350). A duplicate key is a warning; the last one wins.
//
// A host's variables, each step replacing whole top-level variables (no deep merge):
//   1. vars of `all` written in the inventory sources
//   2. vars of the host's other groups written in the inventory sources
//   3. group_vars/all
//   4. group_vars/GROUP for the host's other groups
//   5. the host's vars written in the inventory sources (host lines, hosts: entries)
//   6. host_vars/HOST
// Groups are applied by (depth, priority, name): depth is the longest path from `all`, and
// outranks priority; priority is ansible_group_priority as written in the inventory sources
// (default 1; set in group_vars it is an ordinary variable). The names ansible-inventory
// leaves out of --host (groups, group_names, inventory_hostname, omit, playbook_dir, …) are
// left out too.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/source.h"
#include "compiler/syntax/ast.h"

namespace cfgc::load {

namespace inventory_detail {
class Model;
}

class Inventory {
 public:
  // Host names in the order Ansible first read them.
  std::vector<std::string> hosts() const;
  bool has_host(const std::string& host) const;
  // Group names in the order first read: `all` and `ungrouped` first.
  std::vector<std::string> groups() const;
  // The groups of a host (directly or through child groups), in the order their variables
  // apply: `all` first, then by (depth, priority, name). Empty for an unknown host.
  std::vector<std::string> groups_of(const std::string& host) const;

  // The host's effective variables: a File with one Field per variable, sorted by name (as
  // ansible-inventory prints them); each Field and value is the node read from the file that
  // supplied it. Null, with an error, for an unknown host. The nodes live in the Arena given to
  // load_inventory; `arena` holds the new File (it may be the same Arena). A string holding
  // a Jinja expression ("{{ ntp_server }}") gets a warning, once per place it is written:
  // Ansible renders it, cfgc checks the text as it is.
  syntax::File* host_vars(const std::string& host, Arena& arena, Diagnostics& diags) const;

 private:
  Inventory() = default;
  friend std::optional<Inventory> load_inventory(const std::string&, FileSet&, Arena&,
                                                 Diagnostics&);
  std::shared_ptr<const inventory_detail::Model> model_;
  std::shared_ptr<std::vector<uint32_t>> jinja_warned_ = std::make_shared<std::vector<uint32_t>>();
};

// Reads the inventory at `path` (a directory or one inventory file). Problems in the files go
// to diags (errors and warnings with positions); returns nullopt only when `path` cannot be
// read at all. `files` and `arena` must outlive the Inventory.
std::optional<Inventory> load_inventory(const std::string& path, FileSet& files, Arena& arena,
                                        Diagnostics& diags);

// What `ansible-inventory -i DIR --host HOST` prints: the host's variables evaluated and
// written as JSON with sorted keys, indented by four spaces, floats as Python prints them.
// Null with diagnostics when the variables do not evaluate to concrete values (a !vault
// string has no value here).
std::optional<std::string> ansible_host_json(const Inventory& inv, const std::string& host,
                                             Arena& arena, Diagnostics& diags);

}  // namespace cfgc::load
