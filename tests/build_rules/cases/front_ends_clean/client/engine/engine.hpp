#pragma once
inline int engineValue() { return 1; }
