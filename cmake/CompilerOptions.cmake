# Warnings and sanitizers shared by every target of the project.
add_library(onewindow_warnings INTERFACE)
target_compile_options(onewindow_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                    -Wnon-virtual-dtor -Wold-style-cast
                                                    # Value structs carry default member
                                                    # initializers on purpose; {kind} is enough.
                                                    -Wno-missing-field-initializers)

if(ONEWINDOW_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Hardening for optimised builds (what Debian's dpkg-buildflags gives packages; lintian
# checks for it). _FORTIFY_SOURCE needs optimisation, so debug builds go without.
if(CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo)$" AND NOT ONEWINDOW_SANITIZE)
  add_compile_options(-D_FORTIFY_SOURCE=2 -fstack-protector-strong -fstack-clash-protection
                      -fcf-protection -Wformat -Werror=format-security)
  add_link_options(-Wl,-z,relro,-z,now)
endif()
