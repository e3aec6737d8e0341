// Keeps the rule: no wx anywhere.
#include <string>

int coreFunction() { return static_cast<int>(std::string("ok").size()); }
