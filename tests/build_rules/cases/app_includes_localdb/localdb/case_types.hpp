#pragma once
inline int caseValue() { return 1; }
