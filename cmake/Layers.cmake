# One static library per layer of the pipeline, each linking only the layers below it.
#
#   cfgc_layer(NAME DIR folder [DEPENDS layer...] [PUBLIC lib...] [PRIVATE lib...])
#
# makes cfgc_NAME from folder/*.cpp (not the *_test.cpp files beside them). The direction is
# enforced by the compiler: a layer's headers are reachable only through an include root of
# its own (build/layers/NAME, holding a link named after the folder), which reaches the
# targets that link the layer and no others. So `#include "compiler/export/export.h"` in
# compiler/eval/ fails with "No such file or directory": eval does not link export.
function(cfgc_layer name)
  cmake_parse_arguments(L "" "DIR" "DEPENDS;PUBLIC;PRIVATE" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${L_DIR}/*.cpp)
  list(FILTER srcs EXCLUDE REGEX "_test\\.cpp$")
  add_library(cfgc_${name} STATIC ${srcs})

  set(root ${PROJECT_BINARY_DIR}/layers/${name})
  get_filename_component(parent ${root}/${L_DIR} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  if(NOT EXISTS ${root}/${L_DIR})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${L_DIR} ${root}/${L_DIR} SYMBOLIC)
  endif()
  target_include_directories(cfgc_${name} PUBLIC ${root})

  set(deps)
  foreach(d IN LISTS L_DEPENDS)
    list(APPEND deps cfgc_${d})
  endforeach()
  target_link_libraries(cfgc_${name} PUBLIC ${deps} ${L_PUBLIC} PRIVATE cfgc_warnings ${L_PRIVATE})
  set_property(GLOBAL APPEND PROPERTY CFGC_LAYERS cfgc_${name})
endfunction()
