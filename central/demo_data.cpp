#include "central/demo_data.hpp"

#include <array>

#include "localdb/password_hash.hpp"

namespace onewindow::central {
namespace {

struct DemoClerk {
  const char* clerkId;
  const char* password;
  const char* name;
  const char* role;
};

constexpr std::array kDemoClerks{
    DemoClerk{"c1001", "demo1001", "张敏", "clerk"},
    DemoClerk{"c1002", "demo1002", "王芳", "clerk"},
    DemoClerk{"s2001", "demo2001", "李强", "supervisor"},
};

}  // namespace

int insertDemoClerks(CentralStore& store) {
  int added = 0;
  for (const DemoClerk& demo : kDemoClerks) {
    // Hashing costs ~0.1 s and 64 MiB; skip it for clerks that are already there.
    if (store.findClerk(demo.clerkId)) continue;
    const ClerkRecord clerk{demo.clerkId, demo.name, demo.role,
                            localdb::hashPassword(demo.password), true};
    if (store.addClerkIfMissing(clerk)) ++added;
  }
  return added;
}

}  // namespace onewindow::central
