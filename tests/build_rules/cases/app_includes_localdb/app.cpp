// The desktop UI taking a value type straight from the local store: the build must refuse it.
#include "localdb/case_types.hpp"

int appFunction() { return caseValue(); }
