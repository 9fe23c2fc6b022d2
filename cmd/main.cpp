// cfgc entry point: all work happens in the command registry (cli.cpp).
#include "cmd/command.h"

int main(int argc, char** argv) { return cfgc::cli::run(argc, argv); }
