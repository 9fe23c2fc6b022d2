#include "stdlib/register.h"

#include <mutex>

#include "compiler/eval/builtin.h"
#include "stdlib/packages.h"

namespace cfgc::stdlib {

void register_all() {
  static std::once_flag once;
  std::call_once(once, [] {
    eval::register_core_builtins();
    register_crypto();
    register_encoding_base64();
    register_encoding_csv();
    register_encoding_hex();
    register_encoding_json();
    register_encoding_yaml();
    register_list();
    register_math();
    register_math_bits();
    register_net();
    register_path();
    register_regexp();
    register_strconv();
    register_strings();
    register_struct();
    register_text_template();
    register_text_tabwriter();
    register_html();
    register_time();
    register_uuid();
  });
}

}  // namespace cfgc::stdlib
