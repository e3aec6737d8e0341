// The command line reaching into the desktop UI for what both need: the build must refuse it.
#include "client/app/settings.hpp"

int ctlFunction() { return 1; }
