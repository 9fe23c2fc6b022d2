// Fuzz entry point for the Ansible inventory readers: the input is an inventory file (read as
// Ansible reads it: YAML inventory if it is one, else INI with Python literals and host
// ranges); every host's variables are then computed. Nothing may crash or run away; problems
// are diagnostics.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "compiler/base/arena.h"
#include "compiler/base/diagnostic.h"
#include "compiler/base/file_io.h"
#include "compiler/base/source.h"
#include "compiler/load/inventory.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The readers work on files: one per input, in a directory of this process.
  static const std::string path = [] {
    char dir[] = "/tmp/cfgc-inventory-fuzz-XXXXXX";
    if (!mkdtemp(dir)) std::abort();
    return std::string(dir) + "/hosts";
  }();
  if (!cfgc::write_file_atomic(path, std::string(reinterpret_cast<const char*>(data), size))) return 0;
  cfgc::FileSet files;
  cfgc::Arena arena;
  cfgc::Diagnostics diags;
  auto inv = cfgc::load::load_inventory(path, files, arena, diags);
  if (inv) {
    size_t n = 0;
    for (const std::string& host : inv->hosts()) {
      if (++n > 64) break;  // host ranges can name thousands: a sample is enough
      (void)inv->host_vars(host, arena, diags);
    }
  }
  for (const cfgc::Diagnostic& d : diags.list()) (void)cfgc::format_with_source(files, d);
  return 0;
}
