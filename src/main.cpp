#include "cli/cli.h"

int main(int argc, char** argv) { return omb::cli::run(argc, argv); }
