// A core library reaching for a wx GUI header: the build must refuse it.
#include <wx/frame.h>

int coreFunction() { return 1; }
