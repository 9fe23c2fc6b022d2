# Finds every external dependency. Each one is a Debian package; a missing one stops the
# configure step with the package name to install (scripts/bootstrap installs them all).
find_package(PkgConfig)

macro(cfgc_require found_var debian_package what)
  if(NOT ${found_var})
    message(FATAL_ERROR
      "cfgc: ${what} not found. Install the Debian package '${debian_package}' "
      "(or run scripts/bootstrap, which installs every build dependency).")
  endif()
endmacro()

if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "cfgc: pkg-config not found. Install the Debian package 'pkg-config'.")
endif()

pkg_check_modules(RE2 IMPORTED_TARGET re2)
cfgc_require(RE2_FOUND libre2-dev "RE2 (regular expressions)")

find_package(nlohmann_json 3 QUIET)
cfgc_require(nlohmann_json_FOUND nlohmann-json3-dev "nlohmann JSON")

find_package(yaml-cpp QUIET)
cfgc_require(yaml-cpp_FOUND libyaml-cpp-dev "yaml-cpp")

find_package(fmt QUIET)
cfgc_require(fmt_FOUND libfmt-dev "{fmt}")

find_package(CLI11 QUIET)
cfgc_require(CLI11_FOUND libcli11-dev "CLI11")

# The push transports: HTTP(S) client (libcurl's multi interface drives every device from one
# thread) and TLS. The device simulator (tools/devsim) serves HTTP(S) with cpp-httplib.
find_package(CURL QUIET)
cfgc_require(CURL_FOUND libcurl4-openssl-dev "libcurl")

find_package(OpenSSL QUIET)
cfgc_require(OPENSSL_FOUND libssl-dev "OpenSSL")

pkg_check_modules(HTTPLIB IMPORTED_TARGET cpp-httplib)
cfgc_require(HTTPLIB_FOUND libcpp-httplib-dev "cpp-httplib (HTTP server for the device simulator)")

# YAML data files and inventories are read by libyaml (the parser of PyYAML and, ported, of
# go-yaml); yaml-cpp's nodes serve encoding/yaml.
pkg_check_modules(LIBYAML IMPORTED_TARGET yaml-0.1)
cfgc_require(LIBYAML_FOUND libyaml-dev "libyaml (YAML parser)")

# YANG: libyang 2 reads modules and validates RFC 7951 data (cfgc import yang, vet --yang).
pkg_check_modules(LIBYANG IMPORTED_TARGET libyang>=2)
cfgc_require(LIBYANG_FOUND libyang2-dev "libyang 2 (YANG modules)")

# gNMI: gRPC and protobuf (stubs generated at build time from deploy/push/gnmi/*.proto).
find_package(Protobuf QUIET)
cfgc_require(Protobuf_FOUND libprotobuf-dev "protobuf (and protobuf-compiler)")
find_package(gRPC CONFIG QUIET)
cfgc_require(gRPC_FOUND "libgrpc++-dev protobuf-compiler-grpc" "gRPC C++")

if(CFGC_TESTS)
  find_package(doctest QUIET)
  cfgc_require(doctest_FOUND doctest-dev "doctest")
endif()

# Library versions for `cfgc version`. Some libraries have no version macro; Debian's package
# database knows them.
function(cfgc_debian_version out package fallback)
  execute_process(COMMAND dpkg-query -W -f=${Version} ${package}
                  OUTPUT_VARIABLE v RESULT_VARIABLE rc ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0 OR v STREQUAL "")
    set(v "${fallback}")
  endif()
  set(${out} "${v}" PARENT_SCOPE)
endfunction()
cfgc_debian_version(CFGC_RE2_VERSION libre2-dev "${RE2_VERSION}")
cfgc_debian_version(CFGC_YAMLCPP_VERSION libyaml-cpp-dev "${yaml-cpp_VERSION}")
