// ombudsmine-serve: the ombudsmine command line with the web server linked
// in; `ombudsmine serve` runs it (cli/cli.h).
#include "cli/cli.h"
#include "web/web.h"

int main(int argc, char** argv) { return omb::cli::run(argc, argv, &omb::web::serve); }
