// Keeps the rule: the front end includes the engine's interface only.
#include "client/engine/engine.hpp"

int appFunction() { return engineValue(); }
