#include <iostream>
#include <string>
#include <vector>

#include "client/ctl/ctl_commands.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  return onewindow::ctl::runCtl(arguments, std::cout, std::cerr);
}
