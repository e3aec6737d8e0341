// Clean source; the violation is in the link (see CMakeLists.txt).
int coreFunction() { return 1; }
