# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE). The binaries carry paths
# compiled in from CMAKE_INSTALL_PREFIX (the translations' locale directory, for one), so
# a .deb made from a build configured for another prefix installs files where the
# programs do not look. Package from the release preset, which configures /usr.
if(CPACK_GENERATOR STREQUAL "DEB"
   AND NOT CPACK_ONEWINDOW_BUILD_PREFIX STREQUAL CPACK_PACKAGING_INSTALL_PREFIX)
  message(WARNING
    "This build was configured with CMAKE_INSTALL_PREFIX=${CPACK_ONEWINDOW_BUILD_PREFIX}, "
    "but the package installs to ${CPACK_PACKAGING_INSTALL_PREFIX}: paths compiled into the "
    "programs will be wrong. Use `cmake --preset release` (or ./x package) for packages.")
endif()
